package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
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

/** Politeness on real servers: the per-host cap holds, and other hosts keep flowing meanwhile. */
class PerHostLimitTest {

    private static Vertx vertx;
    private static HostileServer slowHost;
    private static HostileServer fastHost;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        slowHost = HostileServer.http(vertx, "127.0.0.1").route("/slow", Routes.slowPage(vertx, 1500, "Slow"));
        fastHost = HostileServer.http(vertx, "127.0.0.2")
                .route("/fast", Routes.status(200))
                .route("/busy", Routes.sequence(Routes.status(503), Routes.status(200)));
    }

    @AfterAll
    static void stop() {
        slowHost.close();
        fastHost.close();
        vertx.close();
    }

    @Test
    void perHostCapHoldsWhileAnotherHostFlows() {
        Checkers.Built checker = Checkers.defaults(vertx).maxInFlight(4).maxPerHost(2).build();

        List<CompletableFuture<CheckResult>> slow = IntStream.range(0, 6)
                .mapToObj(i -> checker.engine().check(Checkers.request(slowHost.url("/slow?n=" + i)))).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> slowHost.activeNow("/slow") == 2);
        List<CompletableFuture<CheckResult>> fast = IntStream.range(0, 10)
                .mapToObj(i -> checker.engine().check(Checkers.request(fastHost.url("/fast?n=" + i)))).toList();

        await().atMost(Duration.ofSeconds(10)).until(() -> fast.stream().allMatch(CompletableFuture::isDone));
        assertThat(slow).filteredOn(CompletableFuture::isDone).hasSizeLessThanOrEqualTo(2);
        assertThat(fast).allSatisfy(f -> assertThat(f.join().outcome()).isEqualTo(Outcome.OK));

        await().atMost(Duration.ofSeconds(30)).until(() -> slow.stream().allMatch(CompletableFuture::isDone));
        assertThat(slowHost.peakConcurrency("/slow")).isEqualTo(2);
        assertThat(slow).allSatisfy(f -> assertThat(f.join().title()).isEqualTo("Slow"));
    }

    @Test
    void retryBackoffGivesTheHostSlotBack() {
        // A 503 without Retry-After is that URL's outage: its own backoff, not a pause of the host (RetryTest).
        Checkers.Built checker = Checkers.defaults(vertx).maxPerHost(1).maxRetries(1).fixedBackoff(Duration.ofSeconds(4)).build();

        CompletableFuture<CheckResult> busy = checker.engine().check(Checkers.request(fastHost.url("/busy")));
        await().atMost(Duration.ofSeconds(5)).until(() -> fastHost.hits("/busy") == 1);
        CompletableFuture<CheckResult> other = checker.engine().check(Checkers.request(fastHost.url("/fast?other")));

        await().atMost(Duration.ofSeconds(3)).until(other::isDone);
        assertThat(busy).isNotDone();
        assertThat(busy.join().attempts()).isEqualTo(2);
        assertThat(busy.join().outcome()).isEqualTo(Outcome.OK);
    }
}
