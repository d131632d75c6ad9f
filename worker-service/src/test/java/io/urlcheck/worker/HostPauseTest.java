package io.urlcheck.worker;

import io.urlcheck.worker.support.FakeTime;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A host's pause in the {@link HostLimiter} (it answered 429), on a fake clock. */
class HostPauseTest {

    private final FakeTime time = new FakeTime();
    private final HostLimiter limiter = new HostLimiter(100, 8, 100, 0, time::nanoTime, time);

    @Test
    void aPausedHostGetsNoNewRequestUntilThePauseIsOver() {
        HostLimiter.Permit running = acquire("busy.example").join();

        limiter.pause("busy.example", Duration.ofSeconds(2).toNanos());
        CompletableFuture<HostLimiter.Permit> next = acquire("busy.example");

        assertThat(next).isNotDone();
        running.release();
        time.advance(Duration.ofMillis(1999));
        assertThat(next).as("the pause holds though the host has free slots").isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(next).isDone();
    }

    @Test
    void otherHostsFlowWhileOneIsPaused() {
        limiter.pause("busy.example", Duration.ofSeconds(5).toNanos());

        assertThat(acquire("busy.example")).isNotDone();
        assertThat(acquire("calm.example")).isDone();
    }

    @Test
    void aShorterPauseDoesNotCutALongerOne() {
        limiter.pause("busy.example", Duration.ofSeconds(5).toNanos());
        limiter.pause("busy.example", Duration.ofSeconds(1).toNanos());
        CompletableFuture<HostLimiter.Permit> next = acquire("busy.example");

        time.advance(Duration.ofSeconds(4));
        assertThat(next).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(next).isDone();
    }

    @Test
    void anIdleHostIsRememberedThroughItsPause() {
        limiter.pause("busy.example", Duration.ofSeconds(3).toNanos());
        time.advance(Duration.ofSeconds(2));

        CompletableFuture<HostLimiter.Permit> later = acquire("busy.example");

        assertThat(later).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(later).isDone();
        assertThat(limiter.activeHosts()).isEqualTo(1);
        later.join().release();
        assertThat(limiter.activeHosts()).as("forgotten once the pause is over and nothing waits").isZero();
    }

    private CompletableFuture<HostLimiter.Permit> acquire(String host) {
        return limiter.acquire(host, address(host), false);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByAddress(host, new byte[] {10, 0, 0, (byte) host.charAt(0)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
