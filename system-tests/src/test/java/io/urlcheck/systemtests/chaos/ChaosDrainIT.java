package io.urlcheck.systemtests.chaos;

import io.urlcheck.launcher.stack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a worker under load: it stops taking work, finishes what it started within
 * {@code urlcheck.worker.drain-grace}, commits that, and exits; its other requests go to the survivor.
 */
class ChaosDrainIT {

    private static final int N = 600;
    private static final long DELAY_MS = 150;
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** JVM and Quarkus shutdown after the drain, on a loaded 2-core machine. */
    private static final Duration SHUTDOWN_SLACK = Duration.ofSeconds(15);

    @Test
    @Tag("chaos")
    void sigtermedWorkerDrainsWithinItsGraceAndNothingIsLost() throws IOException {
        String job = "chaos-drain";
        try (Pipeline run = Pipeline.builder("sigtermWorker").workers(2)
                .worker("urlcheck.worker.drain-grace", GRACE.toSeconds() + "s").start()) {
            List<String> urls = run.fleet().delayedUrls("drain", N, DELAY_MS);
            run.submit(job, urls);
            assertThat(run.awaitChecked(job, N / 4).checked()).as("struck mid-run").isLessThan(N);

            ServiceProcess victim = run.stack().workers().get(0);
            long t0 = System.nanoTime();
            victim.terminate();
            assertThat(victim.process().awaitExit(GRACE.plus(SHUTDOWN_SLACK)))
                    .as("the worker exits within its drain grace plus shutdown").isTrue();
            Duration exit = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("DRAIN scenario=sigtermWorker exitSeconds=" + exit.toMillis() / 1000.0
                    + " graceSeconds=" + GRACE.toSeconds());

            String log = Files.readString(victim.process().logFile());
            assertThat(log).contains("draining:").contains("drained: every started check has a published result")
                    .doesNotContain("drain grace of");
            assertThat(run.assertAccounted(job, urls).holds()).isTrue();
        }
    }
}
