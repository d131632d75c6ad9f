package io.urlcheck.sink.store.json;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotPaceTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @Test
    void aQuickRewriteWaitsTheConfiguredInterval() {
        assertThat(SnapshotPace.next(INTERVAL, Duration.ofMillis(20))).isEqualTo(INTERVAL);
    }

    @Test
    void aLongRewriteRestsNineTimesItsLengthSoTheWriterTakesAtMostATenthOfTheTime() {
        Duration write = Duration.ofMillis(400);
        Duration rest = SnapshotPace.next(INTERVAL, write);

        assertThat(rest).isEqualTo(Duration.ofMillis(3600));
        assertThat((double) write.toNanos() / (write.toNanos() + rest.toNanos())).isEqualTo(0.1);
    }
}
