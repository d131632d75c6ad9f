package io.urlcheck.worker.notify;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound on events under way: the next is admitted only when one ends. */
class SlotsTest {

    @Test
    void pastTheBoundAnAcquireWaitsForARelease() {
        Slots slots = new Slots(2);
        assertThat(slots.acquire()).isDone();
        assertThat(slots.acquire()).isDone();

        CompletableFuture<Void> third = slots.acquire();
        assertThat(third).isNotDone();
        assertThat(slots.used()).isEqualTo(2);

        slots.release();
        assertThat(third).isDone();
        assertThat(slots.used()).isEqualTo(2);

        slots.release();
        slots.release();
        assertThat(slots.used()).isZero();
    }
}
