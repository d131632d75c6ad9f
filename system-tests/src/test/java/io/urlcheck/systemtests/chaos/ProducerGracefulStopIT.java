package io.urlcheck.systemtests.chaos;

import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.stack.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM reaches the packaged producer in the middle of an upload, as a rollout's does (Kubernetes sends it and
 * waits {@code terminationGracePeriodSeconds}). Guaranteed: the upload in flight is read to its end and
 * acknowledged with its full totals, every line is checked, and the producer then exits by itself.
 */
class ProducerGracefulStopIT {

    private static final int N = 400;

    @Test
    void anUploadInFlightWhenTheProducerIsToldToStopIsFinishedAndAcknowledged() {
        String job = "graceful-stop";
        try (Pipeline run = Pipeline.builder("producerStop").workers(1).start()) {
            List<String> urls = run.fleet().delayedUrls("graceful-stop", N, 0);
            TrickleBody body = TrickleBody.resuming(urls, N / 2);
            CompletableFuture<Submission> upload = CompletableFuture.supplyAsync(() -> run.submit(job, () -> body));
            try {
                run.awaitChecked(job, 50);
                ServiceProcess producer = run.stack().producer();
                producer.process().terminate();
                await("the producer stops taking new work").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Pipeline.probe(run.stack().producerUrl() + "/q/health/ready") != 200);
                assertThat(producer.process().isAlive()).as("still finishing the upload in flight").isTrue();
            } finally {
                body.release();
            }

            Submission done = upload.orTimeout(120, TimeUnit.SECONDS).join();
            assertThat(done.jobId()).isEqualTo(job);
            assertThat(done.accepted()).as("every URL of the upload, the tail sent after SIGTERM included").isEqualTo(N);
            await("the producer exits once its upload is done").atMost(Duration.ofSeconds(60))
                    .until(() -> !run.stack().producer().process().isAlive());
            assertThat(run.awaitChecked(job, N).checked()).isEqualTo(N);
        }
    }
}
