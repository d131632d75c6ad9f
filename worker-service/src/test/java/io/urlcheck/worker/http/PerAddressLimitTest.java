package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
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
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-host limits cannot be sidestepped: many names for one address share that
 * address's slots, and every redirect hop takes a slot of the host and the address it goes to. Real
 * loopback servers; a loopback name server maps the names.
 */
class PerAddressLimitTest {

    private static Vertx vertx;
    private static HostileServer victim;
    private static HostileServer redirector;
    private static HostileServer other;
    private static TestDnsServer dns;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        victim = HostileServer.http(vertx, "127.0.0.1").route("/slow", Routes.slowPage(vertx, 800, "Victim"));
        other = HostileServer.http(vertx, "127.0.0.3").route("/fast", Routes.status(200));
        redirector = HostileServer.http(vertx, "127.0.0.2")
                .route("/to-one-host", Routes.redirect(302, victim.url("victim.test", "/slow")));
        dns = TestDnsServer.start(vertx).answer("victim.test", "127.0.0.1").answer("other.test", "127.0.0.3");
        IntStream.range(0, 12).forEach(i -> dns.answer("alias-" + i + ".test", "127.0.0.1")
                .answer("hop-" + i + ".test", "127.0.0.2"));
        for (int i = 0; i < 12; i++) {
            redirector.route("/to-alias-" + i, Routes.redirect(302, victim.url("alias-" + i + ".test", "/slow")));
        }
    }

    @AfterAll
    static void stop() {
        dns.close();
        victim.close();
        redirector.close();
        other.close();
        vertx.close();
    }

    /**
     * Twelve 0.8 s pages two at a time take 4.8 s, more than the 3 s deadline: a check passes only if its
     * wait for a slot is not counted. (Before the fix, redirect hops to one host queued in the HTTP
     * client's connection pool instead, on the deadline's time, and ended as TIMEOUT.)
     */
    private static Checkers.Built checker(int perHost, int perAddress) {
        return Checkers.defaults(vertx).maxInFlight(64).maxPerHost(perHost).maxPerAddress(perAddress)
                .requestTimeout(Duration.ofSeconds(3)).resolver(dns.resolver(vertx)).build();
    }

    @Test
    void manyNamesForOneAddressShareItsSlots() {
        Checkers.Built checker = checker(8, 2);
        int peakBefore = victim.peakConcurrency("/slow");

        List<CompletableFuture<CheckResult>> aliases = IntStream.range(0, 12)
                .mapToObj(i -> checker.engine().check(Checkers.request(victim.url("alias-" + i + ".test", "/slow")))).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> victim.activeNow("/slow") == 2);
        CheckResult elsewhere = checker.check(other.url("other.test", "/fast"));

        assertThat(elsewhere.outcome()).isEqualTo(Outcome.OK);
        assertThat(aliases).filteredOn(CompletableFuture::isDone).hasSizeLessThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> aliases.stream().allMatch(CompletableFuture::isDone));
        assertThat(aliases).allSatisfy(f -> assertThat(f.join().outcome()).as(f.join().error()).isEqualTo(Outcome.OK));
        assertThat(victim.peakConcurrency("/slow")).isEqualTo(Math.max(2, peakBefore));
    }

    @Test
    void redirectsFromManyHostsToOneHostTakeThatHostsSlots() {
        Checkers.Built checker = checker(2, 100);
        awaitVictimIdle();
        long before = victim.hits("/slow");

        List<CompletableFuture<CheckResult>> checks = IntStream.range(0, 12)
                .mapToObj(i -> checker.engine().check(Checkers.request(redirector.url("hop-" + i + ".test", "/to-one-host")))).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> checks.stream().allMatch(CompletableFuture::isDone));
        assertThat(checks).allSatisfy(f -> {
            assertThat(f.join().outcome()).as(f.join().error()).isEqualTo(Outcome.OK);
            assertThat(f.join().redirects()).hasSize(1);
        });
        assertThat(victim.hits("/slow") - before).isEqualTo(12);
        assertThat(victim.peakConcurrency("/slow")).isLessThanOrEqualTo(2);
    }

    @Test
    void redirectsToManyNamesForOneAddressTakeThatAddressesSlots() {
        Checkers.Built checker = checker(8, 2);
        awaitVictimIdle();

        List<CompletableFuture<CheckResult>> checks = IntStream.range(0, 12)
                .mapToObj(i -> checker.engine().check(Checkers.request(redirector.url("hop-" + i + ".test", "/to-alias-" + i)))).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> checks.stream().allMatch(CompletableFuture::isDone));
        assertThat(checks).allSatisfy(f -> assertThat(f.join().outcome()).as(f.join().error()).isEqualTo(Outcome.OK));
        assertThat(victim.peakConcurrency("/slow")).isLessThanOrEqualTo(2);
    }

    /** Waiting for a slot does not count against the deadline: six 0.8 s pages one at a time outlast a 3 s deadline. */
    @Test
    void waitingForAnAddressSlotDoesNotUseUpTheDeadline() {
        Checkers.Built checker = Checkers.defaults(vertx).maxPerHost(8).maxPerAddress(1)
                .requestTimeout(Duration.ofSeconds(3)).resolver(dns.resolver(vertx)).build();
        awaitVictimIdle();

        List<CompletableFuture<CheckResult>> aliases = IntStream.range(0, 6)
                .mapToObj(i -> checker.engine().check(Checkers.request(victim.url("alias-" + i + ".test", "/slow")))).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> aliases.stream().allMatch(CompletableFuture::isDone));
        assertThat(aliases).allSatisfy(f -> {
            assertThat(f.join().outcome()).as(f.join().error()).isEqualTo(Outcome.OK);
            assertThat(f.join().responseTimeMs()).isLessThan(3000);
        });
    }

    private static void awaitVictimIdle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> victim.activeNow("/slow") == 0);
    }
}
