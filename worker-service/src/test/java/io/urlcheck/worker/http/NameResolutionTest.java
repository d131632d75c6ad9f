package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.NameResolver;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.urlcheck.worker.support.TestDnsServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Name lookups on the production resolver against a real name server on a loopback UDP port that
 * never answers most names: each lookup ends by its check's deadline, holds no
 * thread and no slot, so names that never resolve cannot starve names that do; and every address a
 * name resolves to is vetted.
 */
class NameResolutionTest {

    private static final Duration SLACK = Duration.ofSeconds(3);

    private static Vertx vertx;
    private static HostileServer site;
    private static TestDnsServer dns;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        site = HostileServer.http(vertx, "127.0.0.1").route("/ok", Routes.status(200)).route("/mixed", Routes.status(200));
        dns = TestDnsServer.start(vertx)
                .answer("good.test", "127.0.0.1")
                .answer("mixed.test", "127.0.0.1", "10.0.0.1")
                .answer("two.test", "127.0.0.1", "127.0.0.9")
                .answer("flaky.test", "127.0.0.1").fail("flaky.test", TestDnsServer.SERVFAIL, 2)
                .fail("down.test", TestDnsServer.SERVFAIL)
                .fail("gone.test", TestDnsServer.NXDOMAIN)
                .answer("half.test", "127.0.0.1").failType("half.test", TestDnsServer.A, TestDnsServer.SERVFAIL)
                .answer("spare.test", "127.0.0.9", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        dns.close();
        site.close();
        vertx.close();
    }

    @Test
    void aNameServerThatNeverAnswersEndsTheCheckAsTimeoutWithinItsDeadline() {
        Duration deadline = Duration.ofMillis(1500);
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(deadline).resolver(dns.resolver(vertx)).build();
        int before = dns.silentQueries();

        long start = System.nanoTime();
        CheckResult result = checker.check(site.url("never-alone.test", "/ok"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(dns.silentQueries()).as("the lookup reached the name server").isGreaterThan(before);
        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.error()).contains("DNS lookup of never-alone.test").contains("timed out");
        assertThat(took).isBetween(deadline.minusMillis(100), deadline.plus(SLACK));
    }

    @Test
    void manyNamesThatNeverResolveDoNotStarveNamesThatDo() {
        Duration deadline = Duration.ofSeconds(10); // long, so a loaded machine still answers the good names first
        Checkers.Built checker = Checkers.defaults(vertx).maxInFlight(4).maxPerHost(2).requestTimeout(deadline)
                .resolver(dns.resolver(vertx)).build();
        Map<Integer, Long> endedAt = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<CompletableFuture<CheckResult>> hanging = IntStream.range(0, 200)
                .mapToObj(i -> checker.engine().check(Checkers.request(site.url("never-" + i + ".test", "/ok")))
                        .whenComplete((r, e) -> endedAt.put(i, System.nanoTime())))
                .toList();
        // Only some need to reach the server: a burst overflows its socket's buffer, and a dropped query is unanswered too.
        await().atMost(Duration.ofSeconds(9)).until(() -> dns.silentNames() >= 100);

        CheckResult byName = checker.check(site.url("good.test", "/ok"));
        CheckResult byAddress = checker.check(site.url("/ok"));

        assertThat(byName.outcome()).as(byName.error()).isEqualTo(Outcome.OK);
        assertThat(byAddress.outcome()).as(byAddress.error()).isEqualTo(Outcome.OK);
        assertThat(hanging).as("the hanging lookups are still waiting for their deadline").noneMatch(CompletableFuture::isDone);

        await().atMost(deadline.plus(SLACK).plus(SLACK)).until(() -> hanging.stream().allMatch(CompletableFuture::isDone));
        assertThat(hanging).allSatisfy(f -> {
            assertThat(f.join().outcome()).as(f.join().error()).isEqualTo(Outcome.TIMEOUT);
            assertThat(f.join().error()).contains("DNS lookup of never-").contains("timed out");
        });
        assertThat(endedAt.values()).allSatisfy(end -> assertThat(Duration.ofNanos(end - start)).isLessThan(deadline.plus(SLACK)));
    }

    @Test
    void aLookupAskedAfterItsDeadlineIsNotSent() {
        DnsResolver resolver = dns.resolver(vertx);
        int before = dns.silentQueries();

        NameResolver.Resolution late = resolver.resolve("late.test", System.nanoTime() - 1).join();

        assertThat(late.failure().outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(late.failure().reason()).contains("not started");
        assertThat(dns.silentQueries()).isEqualTo(before);
        resolver.close();
    }

    @Test
    void everyAddressOfANameIsVettedNotOnlyTheFirst() {
        Checkers.Built checker = Checkers.defaults(vertx).allow(List.of("127.0.0.0/8")).resolver(dns.resolver(vertx)).build();

        CheckResult result = checker.check(site.url("mixed.test", "/mixed"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.BLOCKED);
        assertThat(result.error()).contains("mixed.test").contains("10.0.0.1").contains("10.0.0.0/8");
        assertThat(site.hits("/mixed")).isZero();
    }

    @Test
    void aNameWhoseAddressesAreAllAllowedIsCheckedAtItsFirstAddress() {
        Checkers.Built checker = Checkers.defaults(vertx).allow(List.of("127.0.0.0/8")).resolver(dns.resolver(vertx)).build();

        CheckResult result = checker.check(site.url("two.test", "/ok"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
    }

    @Test
    void aNameServerFailureIsAnOutageSoTheCheckIsAskedAgainAndSucceedsOnceTheNameResolves() {
        Checkers.Built checker = Checkers.defaults(vertx).maxRetries(2).resolver(dns.resolver(vertx)).build();

        CheckResult result = checker.check(site.url("flaky.test", "/ok"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.attempts()).as("the SERVFAIL attempt, then the one that resolved").isEqualTo(2);
    }

    @Test
    void aNameServerThatKeepsFailingEndsAsDnsFailureAfterTheRetriesNamingTheResponseCode() {
        Checkers.Built checker = Checkers.defaults(vertx).maxRetries(2).resolver(dns.resolver(vertx)).build();

        CheckResult result = checker.check(site.url("down.test", "/ok"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.DNS_FAILURE);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.error()).contains("down.test").contains("SERVFAIL").doesNotContain("unknown host");
    }

    @Test
    void aServfailForTheIpv4QueryBesideAnEmptyIpv6AnswerIsStillAnOutageNotAnUnknownHost() {
        Checkers.Built checker = Checkers.defaults(vertx).maxRetries(2).resolver(dns.resolver(vertx)).build();

        CheckResult result = checker.check(site.url("half.test", "/ok"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.DNS_FAILURE);
        assertThat(result.error()).contains("half.test").contains("SERVFAIL").doesNotContain("unknown host");
        assertThat(result.attempts()).as("an outage is asked again").isEqualTo(3);
    }

    @Test
    void aNameThatDoesNotExistIsAFactNotAskedAgain() {
        Checkers.Built checker = Checkers.defaults(vertx).maxRetries(2).resolver(dns.resolver(vertx)).build();
        int before = dns.failedQueries();

        CheckResult result = checker.check(site.url("gone.test", "/ok"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.DNS_FAILURE);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).isEqualTo("unknown host gone.test");
        assertThat(dns.failedQueries()).as("the name server said NXDOMAIN").isGreaterThan(before);
    }

    @Test
    void aNameWhoseFirstAddressRefusesIsCheckedAtItsNextAddress() {
        Checkers.Built checker = Checkers.defaults(vertx).allow(List.of("127.0.0.0/8")).resolver(dns.resolver(vertx)).build();

        CheckResult result = checker.check(site.url("spare.test", "/ok"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.attempts()).as("one attempt, two addresses").isEqualTo(1);
    }
}
