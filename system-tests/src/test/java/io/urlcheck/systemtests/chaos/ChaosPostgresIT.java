package io.urlcheck.systemtests.chaos;

import io.urlcheck.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops for 10 s mid-run: the sink reports not-ready ({@code /q/health/ready} 503) while
 * its writes fail, holds the batch and its offsets, and resumes by itself when the database is back.
 */
class ChaosPostgresIT {

    private static final int N = 600;
    private static final long DELAY_MS = 150;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    @Tag("chaos")
    void sinkIsNotReadyWhilePostgresIsDownAndResumesAfterwards() {
        String job = "chaos-postgres-outage";
        try (Pipeline run = Pipeline.builder("postgresOutage").store(Store.POSTGRES).workers(1).start()) {
            List<String> urls = run.fleet().delayedUrls("postgres-outage", N, DELAY_MS);
            run.submit(job, urls);
            assertThat(run.awaitChecked(job, N / 4).checked()).as("struck mid-run").isLessThan(N);

            PostgresServer postgres = run.postgres();
            long down = System.nanoTime();
            postgres.stop();
            await("the sink reports not-ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.sinkReadiness() == 503);
            Duration left = OUTAGE.minusNanos(System.nanoTime() - down);
            if (!left.isNegative()) {
                Pipeline.holdFault(left);
            }
            assertThat(run.sinkReadiness()).as("still not ready at the end of the outage").isEqualTo(503);
            postgres.start();
            await("the sink is ready again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.sinkReadiness() == 200);

            assertThat(run.assertAccounted(job, urls).holds()).isTrue();
            assertThat(run.stack().sink().process().isAlive()).as("the sink never exited").isTrue();
        }
    }
}
