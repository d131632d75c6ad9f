package io.urlcheck.systemtests.chaos;

import io.urlcheck.launcher.stack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the sink mid-run, then a restart: results it had not made durable are still
 * uncommitted in Kafka and are read again; the store's newer-wins, idempotent writes keep one latest
 * result per URL.
 */
class ChaosSinkIT {

    private static final int N = 600;
    private static final long DELAY_MS = 150;

    @Test
    void killingTheJsonSinkMidRunKeepsOneLatestResultPerUrl() {
        killAndRestartSink(Store.JSON, "killSinkJson");
    }

    @Test
    @Tag("chaos")
    void killingThePostgresSinkMidRunKeepsOneLatestResultPerUrl() {
        killAndRestartSink(Store.POSTGRES, "killSinkPostgres");
    }

    private static void killAndRestartSink(Store store, String scenario) {
        String job = "chaos-" + scenario;
        try (Pipeline run = Pipeline.builder(scenario).store(store).workers(1).start()) {
            List<String> urls = run.fleet().delayedUrls(scenario, N, DELAY_MS);
            run.submit(job, urls);
            assertThat(run.awaitChecked(job, N / 3).checked()).as("struck mid-run").isLessThan(N);

            ServiceProcess sink = run.stack().sink();
            sink.kill();
            assertThat(run.sinkReadiness()).as("the killed sink answers nothing").isEqualTo(-1);
            sink.start().awaitReady(Duration.ofSeconds(90));

            assertThat(run.assertAccounted(job, urls).holds()).isTrue();
        }
    }
}
