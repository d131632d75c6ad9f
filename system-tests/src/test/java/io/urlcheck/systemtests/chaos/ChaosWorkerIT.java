package io.urlcheck.systemtests.chaos;

import io.urlcheck.launcher.stack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kill -9} of workers mid-run: their uncommitted requests are redelivered and every input still ends with one result. */
class ChaosWorkerIT {

    private static final int N = 600;
    private static final long DELAY_MS = 150;

    @Test
    void killingOneOfTwoWorkersLosesNothing() {
        try (Pipeline run = Pipeline.builder("killOneOfTwoWorkers").workers(2).start()) {
            List<String> urls = run.fleet().delayedUrls("kill-one-of-two", N, DELAY_MS);
            run.submit("chaos-kill-one-of-two", urls);
            assertThat(run.awaitChecked("chaos-kill-one-of-two", N / 4).checked()).as("struck mid-run").isLessThan(N);

            ServiceProcess victim = run.stack().workers().get(0);
            victim.kill();
            assertThat(victim.process().isAlive()).isFalse();

            Accounting accounting = run.assertAccounted("chaos-kill-one-of-two", urls);
            assertThat(run.stack().workers().get(1).process().isAlive()).as("the survivor").isTrue();
            assertThat(accounting.holds()).isTrue();
        }
    }

    @Test
    @Tag("chaos")
    void killingTheOnlyWorkerAndStartingAnotherLosesNothing() {
        try (Pipeline run = Pipeline.builder("killOnlyWorker").workers(1).start()) {
            List<String> urls = run.fleet().delayedUrls("kill-only", N, DELAY_MS);
            run.submit("chaos-kill-only", urls);
            assertThat(run.awaitChecked("chaos-kill-only", N / 4).checked()).as("struck mid-run").isLessThan(N);

            run.stack().workers().get(0).kill();
            ServiceProcess replacement = run.stack().addWorker();

            Accounting accounting = run.assertAccounted("chaos-kill-only", urls);
            assertThat(replacement.process().isAlive()).isTrue();
            assertThat(accounting.holds()).isTrue();
        }
    }
}
