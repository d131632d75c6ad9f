package io.urlcheck.systemtests.chaos;

import io.urlcheck.launcher.stack.KafkaProcess;
import io.urlcheck.launcher.stack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker stops for 10 s mid-run and comes back on the same port and data: every service reconnects by itself. */
class ChaosBrokerIT {

    private static final int N = 600;
    private static final long DELAY_MS = 150;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    @Tag("chaos")
    void servicesReconnectAfterTheBrokerIsDownForTenSeconds() {
        String job = "chaos-broker-outage";
        try (Pipeline run = Pipeline.builder("brokerOutage").workers(1).start()) {
            List<String> urls = run.fleet().delayedUrls("broker-outage", N, DELAY_MS);
            run.submit(job, urls);
            assertThat(run.awaitChecked(job, N / 4).checked()).as("struck mid-run").isLessThan(N);

            KafkaProcess kafka = run.stack().kafka();
            kafka.stop(Duration.ofSeconds(20));
            assertThat(kafka.process().isAlive()).isFalse();
            Pipeline.holdFault(OUTAGE);
            kafka.launch().awaitReady(Duration.ofSeconds(90));

            Accounting accounting = run.assertAccounted(job, urls);
            assertThat(accounting.holds()).isTrue();
            assertThat(run.stack().workers()).allSatisfy(w -> assertThat(w.process().isAlive()).isTrue());
            for (ServiceProcess service : List.of(run.stack().producer(), run.stack().sink())) {
                assertThat(service.process().isAlive()).as(service.name() + " survived the outage").isTrue();
            }
        }
    }
}
