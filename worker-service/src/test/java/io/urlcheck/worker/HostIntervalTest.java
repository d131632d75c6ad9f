package io.urlcheck.worker;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's own host interval in the {@link HostLimiter}, on a fake clock. */
class HostIntervalTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong();
    private final List<Timed> timers = new ArrayList<>();
    private final HostLimiter limiter = new HostLimiter(100, 8, 100, 0, now::get,
            (delay, task) -> timers.add(new Timed(now.get() + delay, task)));

    @Test
    void aJobsRequestsToOneHostStartTheIntervalApartCountedFromTheEndOfThePrevious() {
        CompletableFuture<HostLimiter.Permit> first = spaced("a.example", 100);
        CompletableFuture<HostLimiter.Permit> second = spaced("a.example", 100);

        assertThat(first).isDone();
        assertThat(second).isNotDone();
        advance(30);
        first.join().release(); // ended at 30: the next may start at 130
        advance(99);
        assertThat(second).isNotDone();
        advance(1);
        assertThat(second).isDone();
    }

    @Test
    void requestsWithoutAnIntervalPassAWaitingSpacedOne() {
        CompletableFuture<HostLimiter.Permit> first = spaced("a.example", 1000);
        CompletableFuture<HostLimiter.Permit> spacedWaiting = spaced("a.example", 1000);
        CompletableFuture<HostLimiter.Permit> plain = limiter.acquire("a.example", address("a.example"), false, 0);
        CompletableFuture<HostLimiter.Permit> plainToo = limiter.acquire("a.example", address("a.example"), false);

        assertThat(first).isDone();
        assertThat(plain).isDone();
        assertThat(plainToo).isDone();
        assertThat(spacedWaiting).isNotDone();
        first.join().release(); // at 0: the next spaced one may start at 1000
        advance(500);
        plain.join().release();
        assertThat(spacedWaiting).as("a plain request's end does not move the spaced clock").isNotDone();
        advance(500);
        assertThat(spacedWaiting).isDone();
    }

    @Test
    void aSpacedRequestWaitsForThePreviousToEndHoweverLongItTakes() {
        CompletableFuture<HostLimiter.Permit> slow = spaced("a.example", 100);
        CompletableFuture<HostLimiter.Permit> next = spaced("a.example", 100);

        advance(1000);
        assertThat(next).as("the first is still in flight").isNotDone();
        slow.join().release();
        advance(99);
        assertThat(next).isNotDone();
        advance(1);
        assertThat(next).isDone();
    }

    @Test
    void theIntervalHoldsPerHostNotAcrossHosts() {
        CompletableFuture<HostLimiter.Permit> a = spaced("a.example", 500);
        CompletableFuture<HostLimiter.Permit> b = spaced("b.example", 500);

        assertThat(a).isDone();
        assertThat(b).isDone();
    }

    @Test
    void aHostIsRememberedUntilItsIntervalIsOverEvenWhenIdle() {
        spaced("a.example", 200).join().release();
        advance(150);

        CompletableFuture<HostLimiter.Permit> later = spaced("a.example", 200);

        assertThat(later).isNotDone();
        advance(50);
        assertThat(later).isDone();
    }

    @Test
    void theWaitStillHoldsThePerHostLimit() {
        HostLimiter one = new HostLimiter(100, 1, 100, 0, now::get, (delay, task) -> timers.add(new Timed(now.get() + delay, task)));
        CompletableFuture<HostLimiter.Permit> first = one.acquire("a.example", address("a.example"), false, 50 * MS);
        CompletableFuture<HostLimiter.Permit> second = one.acquire("a.example", address("a.example"), false, 50 * MS);

        advance(500);
        assertThat(second).as("the first still holds the host's only slot").isNotDone();
        first.join().release();
        advance(49);
        assertThat(second).isNotDone();
        advance(1);
        assertThat(second).isDone();
    }

    /** Vert.x timers have millisecond grain: a timer that fires a little before the interval is over must not strand the waiter. */
    @Test
    void aTimerFiringEarlyIsFollowedByAnother() {
        HostLimiter early = new HostLimiter(100, 8, 100, 0, now::get,
                (delay, task) -> timers.add(new Timed(now.get() + Math.max(0, delay - MS / 2), task)));
        CompletableFuture<HostLimiter.Permit> first = early.acquire("a.example", address("a.example"), false, 100 * MS);
        CompletableFuture<HostLimiter.Permit> second = early.acquire("a.example", address("a.example"), false, 100 * MS);
        first.join().release(); // the next may start at 100 ms; its timer fires at 99.5 ms

        advanceNanos(99 * MS + MS / 2);
        assertThat(second).isNotDone();
        advance(1);

        assertThat(second).isDone();
    }

    private CompletableFuture<HostLimiter.Permit> spaced(String host, long intervalMs) {
        return limiter.acquire(host, address(host), false, intervalMs * MS);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByAddress(host, new byte[] {10, 0, 0, (byte) host.charAt(0)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void advance(long ms) {
        advanceNanos(ms * MS);
    }

    private void advanceNanos(long nanos) {
        now.addAndGet(nanos);
        List<Timed> due = timers.stream().filter(t -> t.at <= now.get()).toList();
        timers.removeAll(due);
        due.forEach(t -> t.task.run());
    }

    private record Timed(long at, Runnable task) {
    }
}
