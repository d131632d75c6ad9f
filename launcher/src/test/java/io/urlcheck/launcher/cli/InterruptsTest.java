package io.urlcheck.launcher.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class InterruptsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    private final AtomicInteger forced = new AtomicInteger();
    private final Interrupts interrupts = new Interrupts(new PrintStream(err, true, StandardCharsets.UTF_8), now::get,
            forced::incrementAndGet);

    private void after(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void theSecondSigtermOfGnuTimeoutMicrosecondsAfterTheFirstIsTheSameGracefulStop() {
        interrupts.onSignal(Interrupts.StopSignal.TERM); // timeout's kill(child, SIGTERM)
        after(0);
        interrupts.onSignal(Interrupts.StopSignal.TERM); // and its kill(0, SIGTERM) to the group
        after(100);
        interrupts.onSignal(Interrupts.StopSignal.TERM);

        assertThat(forced).hasValue(0);
        assertThat(interrupts.requested()).isTrue();
        assertThat(interrupts.stoppedBy()).isEqualTo(Interrupts.StopSignal.TERM);
        assertThat(err.toString(StandardCharsets.UTF_8)).containsOnlyOnce("stopping gracefully")
                .doesNotContain("forced");
    }

    @Test
    void aSecondCtrlCLaterThanTheWindowForcesTheStop() {
        interrupts.onSignal(Interrupts.StopSignal.INT);
        after(Interrupts.SAME_REQUEST.toMillis() + 1);
        interrupts.onSignal(Interrupts.StopSignal.INT);

        assertThat(forced).hasValue(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("urlcheck: forced stop");
    }

    @Test
    void aCtrlCAfterAGroupsDoubleSigtermStillForces() {
        interrupts.onSignal(Interrupts.StopSignal.TERM);
        interrupts.onSignal(Interrupts.StopSignal.TERM);
        after(2_000);
        interrupts.onSignal(Interrupts.StopSignal.INT);

        assertThat(forced).hasValue(1);
    }
}
