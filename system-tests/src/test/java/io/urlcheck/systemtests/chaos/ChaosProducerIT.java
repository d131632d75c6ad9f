package io.urlcheck.systemtests.chaos;

import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.stack.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the producer in the middle of a submission. Guaranteed: the client gets no 202, the
 * job stays incomplete (never {@code done}), and re-submitting the same file under the same
 * {@code ?jobId=} replaces the job's totals instead of adding to them; the latest state then holds one
 * result per URL, and the lines checked twice show only as duplicates in history.
 */
class ChaosProducerIT {

    private static final int N = 600;
    private static final long DELAY_MS = 150;

    @Test
    void resubmittingAJobCutByAProducerCrashDoesNotDoubleItsAccounting() {
        String job = "chaos-producer-crash";
        try (Pipeline run = Pipeline.builder("killProducer").workers(1).start()) {
            List<String> urls = run.fleet().delayedUrls("producer-crash", N, DELAY_MS);
            TrickleBody body = new TrickleBody(urls, N / 2);
            CompletableFuture<Submission> cut = CompletableFuture.supplyAsync(() -> run.submit(job, () -> body));
            try {
                run.awaitChecked(job, 50);
                ServiceProcess producer = run.stack().producer();
                producer.kill();
                // The client is blocked inside the stalled body; how soon it notices the dead connection
                // depends on load. Ending the upload now makes the cut deterministic.
                body.release();
                await("the cut submission fails").atMost(Duration.ofSeconds(60)).until(cut::isDone);
                assertThat(cut).as("no 202 for a cut submission").isCompletedExceptionally();
            } finally {
                body.release();
            }
            JobStatus interrupted = run.job(job).orElseThrow();
            assertThat(interrupted.complete()).as("a cut submission is never complete").isFalse();
            assertThat(interrupted.done()).isFalse();
            assertThat(interrupted.checked()).as("only the head was ever sent").isLessThanOrEqualTo(N / 2);

            run.stack().producer().start().awaitReady(Duration.ofSeconds(90));
            Submission again = run.submit(job, urls);
            assertThat(again.jobId()).isEqualTo(job);
            assertThat(again.submitted()).isEqualTo(N);
            assertThat(again.accepted()).isEqualTo(N);

            Accounting accounting = run.assertAccounted(job, urls);
            assertThat(accounting.holds()).isTrue();
            JobStatus done = run.job(job).orElseThrow();
            assertThat(done.submitted()).as("totals replaced, not added").isEqualTo(N);
            assertThat(done.checked()).as("checked counts each URL once").isEqualTo(N);
        }
    }
}
