package io.urlcheck.worker;

import io.urlcheck.worker.address.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HostLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Timed> timers = new ArrayList<>();

    private HostLimiter limiter(int global, int perHost, long intervalMs) {
        return limiter(global, perHost, 1000, intervalMs);
    }

    private HostLimiter limiter(int global, int perHost, int perAddress, long intervalMs) {
        return new HostLimiter(global, perHost, perAddress, TimeUnit.MILLISECONDS.toNanos(intervalMs), now::get,
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
                .mapToObj(i -> acquire(limiter, "host" + i + ".example")).toList();

        assertThat(slow).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(others).allMatch(CompletableFuture::isDone);
    }

    @Test
    void globalCapHoldsAcrossHosts() {
        HostLimiter limiter = limiter(3, 8, 0);

        List<CompletableFuture<HostLimiter.Permit>> all = IntStream.range(0, 6)
                .mapToObj(i -> acquire(limiter, "h" + i)).toList();

        assertThat(all).filteredOn(CompletableFuture::isDone).hasSize(3);
        assertThat(limiter.queued()).isEqualTo(3);
        all.get(0).join().release();
        assertThat(all).filteredOn(CompletableFuture::isDone).hasSize(4);
    }

    @Test
    void startsToOneHostKeepTheMinimumInterval() {
        HostLimiter limiter = limiter(10, 10, 100);

        List<CompletableFuture<HostLimiter.Permit>> a = acquire(limiter, "a.example", 3);
        CompletableFuture<HostLimiter.Permit> b = acquire(limiter, "b.example");

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
        CompletableFuture<HostLimiter.Permit> first = acquire(limiter, "a");
        List<CompletableFuture<HostLimiter.Permit>> rest = acquire(limiter, "a", 2);

        first.join().release();
        first.join().release();

        assertThat(rest).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(limiter.inFlight()).isEqualTo(1);
    }

    @Test
    void stoppedLimiterStartsNothingMore() {
        HostLimiter limiter = limiter(1, 1, 0);
        CompletableFuture<HostLimiter.Permit> running = acquire(limiter, "a");
        CompletableFuture<HostLimiter.Permit> waiting = acquire(limiter, "b");

        limiter.stopAdmitting();
        running.join().release();

        assertThat(waiting).isNotDone();
        assertThat(limiter.queued()).isEqualTo(1);
        assertThat(limiter.inFlight()).isZero();
    }

    /** Many names for one address share that address's slots, so extra names cannot sidestep the per-host limit. */
    @Test
    void manyNamesForOneAddressShareTheAddressCap() {
        HostLimiter limiter = limiter(100, 8, 3, 0);
        InetAddress victim = address("203.0.113.7");

        List<CompletableFuture<HostLimiter.Permit>> names = IntStream.range(0, 10)
                .mapToObj(i -> limiter.acquire("n" + i + ".attacker.example", victim, false)).toList();
        CompletableFuture<HostLimiter.Permit> elsewhere = limiter.acquire("other.example", address("198.51.100.1"), false);

        assertThat(names).filteredOn(CompletableFuture::isDone).hasSize(3);
        assertThat(elsewhere).isDone();
        names.get(0).join().release();
        assertThat(names).filteredOn(CompletableFuture::isDone).hasSize(4);
        assertThat(limiter.inFlight()).isEqualTo(4);
    }

    @Test
    void aHostWaitingForItsAddressHoldsNoGlobalSlot() {
        HostLimiter limiter = limiter(3, 8, 1, 0);
        InetAddress shared = address("203.0.113.7");

        List<CompletableFuture<HostLimiter.Permit>> sharing = IntStream.range(0, 5)
                .mapToObj(i -> limiter.acquire("s" + i + ".example", shared, false)).toList();
        List<CompletableFuture<HostLimiter.Permit>> others = IntStream.range(0, 2)
                .mapToObj(i -> acquire(limiter, "o" + i + ".example")).toList();

        assertThat(sharing).filteredOn(CompletableFuture::isDone).hasSize(1);
        assertThat(others).allMatch(CompletableFuture::isDone);
        assertThat(limiter.queued()).isEqualTo(4);
    }

    @Test
    void aRedirectHopGoesFirstAndIsStillGrantedWhileDraining() {
        HostLimiter limiter = limiter(10, 1, 0);
        CompletableFuture<HostLimiter.Permit> running = acquire(limiter, "a");
        CompletableFuture<HostLimiter.Permit> fresh = acquire(limiter, "a");
        CompletableFuture<HostLimiter.Permit> redirect = limiter.acquire("a", addressOf("a"), true);

        limiter.stopAdmitting();
        assertThat(limiter.queued()).isEqualTo(2);
        assertThat(limiter.queuedToStart()).isEqualTo(1);
        running.join().release();

        assertThat(redirect).isDone();
        assertThat(fresh).isNotDone();
        redirect.join().release();
        assertThat(fresh).isNotDone();
        assertThat(limiter.queuedToStart()).isEqualTo(1);
    }

    /**
     * A host whose checks came a moment after the slots filled (its records were in a later fetch) gets the
     * free slots first until it has had as many turns as the others, so all hosts finish together and the
     * job takes no more rounds than its slots need. Served strictly in turn, the late host stayed a round behind.
     */
    @Test
    void aHostThatStartsWaitingAfterTheSlotsFilledCatchesUpSoTheJobEndsOnTime() {
        HostLimiter limiter = limiter(4, 2, 0);
        Map<String, List<CompletableFuture<HostLimiter.Permit>>> checks = new LinkedHashMap<>();
        for (String host : List.of("a", "b", "c")) {
            checks.put(host, acquire(limiter, host, 12));
        }
        assertThat(checks.get("c")).noneMatch(CompletableFuture::isDone);

        Rounds rounds = new Rounds(checks);
        rounds.next();
        assertThat(rounds.grantedIn("c")).isEqualTo(2);

        assertThat(rounds.runToEnd()).as("rounds for 36 checks, 4 at a time").isEqualTo(9);
    }

    /**
     * The catching up is bounded: a host that starts waiting while others have been served for long counts
     * as at most its own cap of turns behind them, so it never takes more than that beyond its fair share.
     */
    @Test
    void aHostThatStartsWaitingLateGetsAtMostItsCapBeyondAFairShare() {
        HostLimiter limiter = limiter(4, 2, 0);
        Map<String, List<CompletableFuture<HostLimiter.Permit>>> checks = new LinkedHashMap<>();
        for (String host : List.of("a", "b", "c", "d")) {
            checks.put(host, acquire(limiter, host, 100));
        }
        Rounds rounds = new Rounds(checks);
        for (int i = 0; i < 10; i++) {
            rounds.next();
        }

        checks.put("e", acquire(limiter, "e", 100));
        Map<String, Integer> before = rounds.granted();
        for (int i = 0; i < 10; i++) {
            rounds.next();
        }

        int fairShare = 10 * 4 / 5;
        assertThat(rounds.granted("e") - before.get("e")).isBetween(fairShare, fairShare + 2);
        for (String host : List.of("a", "b", "c", "d")) {
            assertThat(rounds.granted(host) - before.get(host)).as(host).isGreaterThanOrEqualTo(fairShare - 1);
        }
    }

    private static List<CompletableFuture<HostLimiter.Permit>> acquire(HostLimiter limiter, String host, int n) {
        return IntStream.range(0, n).mapToObj(i -> acquire(limiter, host)).toList();
    }

    /** A first hop to {@code host} at an address of its own. */
    private static CompletableFuture<HostLimiter.Permit> acquire(HostLimiter limiter, String host) {
        return limiter.acquire(host, addressOf(host), false);
    }

    private static InetAddress addressOf(String host) {
        int h = host.hashCode();
        return address("10." + ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + (h & 0xff));
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    private void advance(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        List<Timed> due = timers.stream().filter(t -> t.at <= now.get()).toList();
        timers.removeAll(due);
        due.forEach(t -> t.task.run());
    }

    private record Timed(long at, Runnable task) {
    }

    /** Runs checks in rounds, as against a server that answers every request it has after the same delay. */
    private static final class Rounds {
        private final Map<String, List<CompletableFuture<HostLimiter.Permit>>> checks;
        private Map<String, Integer> grantedBefore = Map.of();
        private final Set<HostLimiter.Permit> released = new HashSet<>();
        private int ended;

        Rounds(Map<String, List<CompletableFuture<HostLimiter.Permit>>> checks) {
            this.checks = checks;
        }

        /** Ends every request in flight; returns false when none was. */
        boolean next() {
            grantedBefore = granted();
            List<HostLimiter.Permit> running = checks.values().stream().flatMap(List::stream)
                    .filter(CompletableFuture::isDone).map(CompletableFuture::join)
                    .filter(permit -> !released.contains(permit)).toList();
            released.addAll(running);
            running.forEach(HostLimiter.Permit::release);
            if (!running.isEmpty()) {
                ended++;
            }
            return !running.isEmpty();
        }

        /** Runs the rounds left; returns how many rounds ran in all, the first included. */
        int runToEnd() {
            while (next()) {
                // one more round
            }
            return ended;
        }

        /** Permits each host got so far. */
        Map<String, Integer> granted() {
            Map<String, Integer> granted = new HashMap<>();
            checks.keySet().forEach(host -> granted.put(host, granted(host)));
            return granted;
        }

        int granted(String host) {
            return (int) checks.get(host).stream().filter(CompletableFuture::isDone).count();
        }

        /** Permits {@code host} got when the last round began. */
        int grantedIn(String host) {
            return granted(host) - grantedBefore.getOrDefault(host, 0);
        }
    }
}
