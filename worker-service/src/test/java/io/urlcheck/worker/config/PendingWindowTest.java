package io.urlcheck.worker.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PendingWindowTest {

    @Test
    void unsetWindowReachesPastOnePartitionsHosts() {
        assertThat(WorkerConfig.pendingWindow(100, Optional.empty())).isEqualTo(WorkerConfig.MIN_DEFAULT_PENDING);
        assertThat(WorkerConfig.pendingWindow(256, Optional.empty())).isEqualTo(WorkerConfig.MIN_DEFAULT_PENDING);
    }

    @Test
    void unsetWindowIsFourTimesALargeInFlightCap() {
        assertThat(WorkerConfig.pendingWindow(4000, Optional.empty())).isEqualTo(16_000);
    }

    @Test
    void setWindowIsKeptButNeverBelowInFlight() {
        assertThat(WorkerConfig.pendingWindow(100, Optional.of(300))).isEqualTo(300);
        assertThat(WorkerConfig.pendingWindow(100, Optional.of(10))).isEqualTo(100);
    }
}
