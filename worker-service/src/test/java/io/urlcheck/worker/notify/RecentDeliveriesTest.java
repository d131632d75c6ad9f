package io.urlcheck.worker.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Deduplication by (event id, webhook), bounded in time and in size. */
class RecentDeliveriesTest {

    private static final RecentDeliveries.Key A_TO_ONE = new RecentDeliveries.Key("event-a", "https://one.example/hook");

    @Test
    void aDeliveredEventIsADuplicateForThatWebhookOnly() {
        RecentDeliveries recent = new RecentDeliveries(10, Duration.ofHours(1), () -> 0L);
        recent.add(A_TO_ONE);

        assertThat(recent.contains(A_TO_ONE)).isTrue();
        assertThat(recent.contains(new RecentDeliveries.Key("event-a", "https://two.example/hook"))).isFalse();
        assertThat(recent.contains(new RecentDeliveries.Key("event-b", "https://one.example/hook"))).isFalse();
    }

    @Test
    void aDeliveryIsForgottenOnceItsWindowHasPassed() {
        long[] now = {0};
        RecentDeliveries recent = new RecentDeliveries(10, Duration.ofMinutes(10), () -> now[0]);
        recent.add(A_TO_ONE);

        now[0] = Duration.ofMinutes(10).toNanos() - 1;
        assertThat(recent.contains(A_TO_ONE)).isTrue();
        now[0] = Duration.ofMinutes(10).toNanos();
        assertThat(recent.contains(A_TO_ONE)).isFalse();
        assertThat(recent.size()).isZero();
    }

    @Test
    void pastItsCapacityTheOldestDeliveryIsForgottenFirst() {
        RecentDeliveries recent = new RecentDeliveries(2, Duration.ofHours(1), () -> 0L);
        RecentDeliveries.Key b = new RecentDeliveries.Key("event-b", "https://one.example/hook");
        RecentDeliveries.Key c = new RecentDeliveries.Key("event-c", "https://one.example/hook");
        recent.add(A_TO_ONE);
        recent.add(b);
        recent.add(c);

        assertThat(recent.contains(A_TO_ONE)).isFalse();
        assertThat(recent.contains(b)).isTrue();
        assertThat(recent.contains(c)).isTrue();
    }
}
