package io.urlcheck.worker;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.address.IpLiteral;
import io.urlcheck.worker.support.Checkers;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine bounds every name lookup by the check's deadline itself, whatever the resolver does, and a
 * lookup holds no slot. The resolver here never completes for {@code never-*}
 * names; time is a manual clock.
 */
class LookupDeadlineTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final List<Timed> timers = new ArrayList<>();
    private final Scheduler scheduler = (delay, task) -> timers.add(new Timed(now.get() + delay, task));
    private final List<String> fetched = new ArrayList<>();

    private final NameResolver resolver = (host, deadline) -> host.startsWith("never")
            ? new CompletableFuture<>()
            : CompletableFuture.completedFuture(NameResolver.Resolution.of(List.of(address("93.184.216.34"))));

    private final HttpPort http = (url, address, hop, deadline) -> {
        fetched.add(url.host());
        return CompletableFuture.completedFuture(new HopResult.Response(200, Map.of(), new byte[0], 0, false, null, 0, null, null));
    };

    private final CheckEngine engine = new CheckEngine(http, resolver,
            new HostLimiter(2, 2, 8, 0, now::get, scheduler), AddressPolicy.allowing(List.of()),
            new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10), Math::random),
            scheduler, now::get, Clock.systemUTC(), new CheckEngine.Settings(10, DEADLINE, "test"), new CheckEngine.Listener() { });

    @Test
    void lookupsThatNeverAnswerHoldNoSlotAndEndAsTimeoutAtTheDeadline() {
        List<CompletableFuture<CheckResult>> hanging = IntStream.range(0, 50)
                .mapToObj(i -> engine.check(Checkers.request("http://never-" + i + ".example/"))).toList();

        CompletableFuture<CheckResult> resolving = engine.check(Checkers.request("http://fine.example/"));
        CompletableFuture<CheckResult> literal = engine.check(Checkers.request("http://93.184.216.34/"));

        assertThat(resolving).isCompletedWithValueMatching(r -> r.outcome() == Outcome.OK);
        assertThat(literal).isCompletedWithValueMatching(r -> r.outcome() == Outcome.OK);
        assertThat(hanging).noneMatch(CompletableFuture::isDone);

        advance(DEADLINE.minusMillis(1));
        assertThat(hanging).noneMatch(CompletableFuture::isDone);
        advance(Duration.ofMillis(1));
        assertThat(hanging).allSatisfy(f -> {
            assertThat(f).isDone();
            assertThat(f.join().outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(f.join().error()).contains("DNS lookup of never-").contains("timed out");
        });
        assertThat(fetched).containsExactly("fine.example", "93.184.216.34");
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
        List<Timed> due = timers.stream().filter(t -> t.at <= now.get()).toList();
        timers.removeAll(due);
        due.forEach(t -> t.task.run());
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    private record Timed(long at, Runnable task) {
    }
}
