package io.urlcheck.worker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HostLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Timed> timers = new ArrayList<>();

    private HostLimiter limiter(int global, int perHost, long intervalMs) {
        return new HostLimiter(global, perHost, TimeUnit.MILLISECONDS.toNanos(intervalMs), now::get,
                (delay, task) -> timers.add(new Timed(now.get() + delay, task)));
    }

    @Test
    void perHostCapHoldsWhileAnotherHostFlows() {
        HostLimiter limiter = limiter(10, 2, 0);

        List<CompletableFuture<HostLimiter.Permit>> a = acquire(limiter, "a.example", 5);
        List<CompletableFuture<HostLimiter.Permit>> b = acquire(limiter, "b.example", 3);

        assertThat(a).filteredOn(CompletableFuture::isDone).hasSize(2);
        assertThat(b).filteredOn(CompletableFuture::isDone).hasSize(2);
        assertThat(limiter.inFlight()).isEqualTo(4);
        assertThat(limiter.maxHostQueueDepth()).isEqualTo(3);

        b.get(0).join().release();
        assertThat(b).filteredOn(CompletableFuture::isDone).hasSize(3);
        assertThat(a).filteredOn(CompletableFuture::isDone).hasSize(2);
    }

    @Test
    void aFullHostDoesNotTakeGlobalSlotsFromOthers() {
        HostLimiter limiter = limiter(3, 1, 0);

        List<CompletableFuture<HostLimiter.Permit>> slow = acquire(limiter, "slow.example", 10);
        List<CompletableFuture<HostLimiter.Permit>> others = IntStream.range(0, 2)
                .mapToObj(i -> limiter.acquire("host" + i + ".example")).toList();

        assertThat(slow).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(others).allMatch(CompletableFuture::isDone);
    }

    @Test
    void globalCapHoldsAcrossHosts() {
        HostLimiter limiter = limiter(3, 8, 0);

        List<CompletableFuture<HostLimiter.Permit>> all = IntStream.range(0, 6)
                .mapToObj(i -> limiter.acquire("h" + i)).toList();

        assertThat(all).filteredOn(CompletableFuture::isDone).hasSize(3);
        assertThat(limiter.queued()).isEqualTo(3);
        all.get(0).join().release();
        assertThat(all).filteredOn(CompletableFuture::isDone).hasSize(4);
    }

    @Test
    void startsToOneHostKeepTheMinimumInterval() {
        HostLimiter limiter = limiter(10, 10, 100);

        List<CompletableFuture<HostLimiter.Permit>> a = acquire(limiter, "a.example", 3);
        CompletableFuture<HostLimiter.Permit> b = limiter.acquire("b.example");

        assertThat(a).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(b).isDone();
        advance(99);
        assertThat(a).filteredOn(CompletableFuture::isDone).hasSize(1);
        advance(1);
        assertThat(a).filteredOn(CompletableFuture::isDone).hasSize(2);
        advance(100);
        assertThat(a).allMatch(CompletableFuture::isDone);
    }

    @Test
    void releasingTwiceFreesOneSlot() {
        HostLimiter limiter = limiter(1, 1, 0);
        CompletableFuture<HostLimiter.Permit> first = limiter.acquire("a");
        List<CompletableFuture<HostLimiter.Permit>> rest = acquire(limiter, "a", 2);

        first.join().release();
        first.join().release();

        assertThat(rest).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(limiter.inFlight()).isEqualTo(1);
    }

    @Test
    void stoppedLimiterStartsNothingMore() {
        HostLimiter limiter = limiter(1, 1, 0);
        CompletableFuture<HostLimiter.Permit> running = limiter.acquire("a");
        CompletableFuture<HostLimiter.Permit> waiting = limiter.acquire("b");

        limiter.stopAdmitting();
        running.join().release();

        assertThat(waiting).isNotDone();
        assertThat(limiter.queued()).isEqualTo(1);
        assertThat(limiter.inFlight()).isZero();
    }

    private static List<CompletableFuture<HostLimiter.Permit>> acquire(HostLimiter limiter, String host, int n) {
        return IntStream.range(0, n).mapToObj(i -> limiter.acquire(host)).toList();
    }

    private void advance(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        List<Timed> due = timers.stream().filter(t -> t.at <= now.get()).toList();
        timers.removeAll(due);
        due.forEach(t -> t.task.run());
    }

    private record Timed(long at, Runnable task) {
    }
}
