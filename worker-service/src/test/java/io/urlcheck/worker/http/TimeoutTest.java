package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutTest {

    private static final Duration SLACK = Duration.ofSeconds(3);

    private static Vertx vertx;
    private static HostileServer server;
    /** Accepts TCP, reads the ClientHello and never answers: the connect succeeds, the TLS handshake stalls. */
    private static HostileServer silent;
    private static final AtomicInteger helloBytes = new AtomicInteger();
    /** Answers a 200 that promises 100,000 bytes, sends 3 and closes the connection. */
    private static HostileServer broken;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = HostileServer.http(vertx, "127.0.0.1")
                .route("/drip", Routes.drip(vertx, 200))
                .route("/drip-html", r -> {
                    r.response().setChunked(true).putHeader("Content-Type", "text/html; charset=utf-8")
                            .write("<html><head><title>Still coming</title></head><body>");
                    // and nothing more: the body never ends
                })
                .route("/stall", Routes.stall())
                .route("/late-headers", Routes.slowPage(vertx, 2500, "Late"));
        silent = HostileServer.raw(vertx, "127.0.0.1", socket -> socket.handler(data -> helloBytes.addAndGet(data.length())));
        broken = HostileServer.raw(vertx, "127.0.0.1", socket -> socket.handler(request -> socket
                .write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nabc")
                .onComplete(written -> socket.close())));
    }

    @AfterAll
    static void stop() {
        silent.close();
        broken.close();
        server.close();
        vertx.close();
    }

    @Test
    void aDrippingBodyKeepsItsStatusAndSaysTheDeadlineCutItShort() {
        Duration deadline = Duration.ofSeconds(2);
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(deadline).headerTimeout(Duration.ofSeconds(5)).build();

        long start = System.nanoTime();
        CheckResult result = checker.check(server.url("/drip"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.outcome()).as("the status answered; a slow body does not undo it").isEqualTo(Outcome.OK);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.error()).startsWith("body cut short after ").contains("deadline");
        assertThat(result.attempts()).as("a verdict, not an outage to retry").isEqualTo(1);
        assertThat(took).isBetween(deadline.minusMillis(100), deadline.plus(SLACK));
    }

    @Test
    void aPageWhoseBodyNeverEndsStillGivesTheTitleItSent() {
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(Duration.ofMillis(1500)).build();

        CheckResult result = checker.check(server.url("/drip-html"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isEqualTo("Still coming");
        assertThat(result.error()).startsWith("body cut short after ");
    }

    @Test
    void aConnectionThatBreaksOffInTheBodyKeepsTheStatus() {
        CheckResult result = Checkers.defaults(vertx).build().check(broken.url("/"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.error()).startsWith("body cut short after 3 bytes: ");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void stalledHeadersEndAsTimeoutAtTheHeaderTimeout() {
        Duration headerTimeout = Duration.ofMillis(800);
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(Duration.ofSeconds(10)).headerTimeout(headerTimeout).build();

        long start = System.nanoTime();
        CheckResult result = checker.check(server.url("/stall"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.error()).contains("no response headers");
        assertThat(took).isBetween(headerTimeout.minusMillis(100), headerTimeout.plus(SLACK));
    }

    @Test
    void stalledHeadersCannotOutliveTheDeadline() {
        Duration deadline = Duration.ofSeconds(1);
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(deadline).headerTimeout(Duration.ofSeconds(30)).build();

        long start = System.nanoTime();
        CheckResult result = checker.check(server.url("/stall"));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(deadline.plus(SLACK));
        assertThat(result.error()).as("the limit that ended the wait, not a header timeout that never ran its course")
                .contains("deadline").doesNotContain("30000 ms");
    }

    @Test
    void aTlsHandshakeThatStallsEndsAsTimeoutAtTheDeadline() {
        Duration deadline = Duration.ofMillis(1500);
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(deadline).headerTimeout(Duration.ofSeconds(30)).build();

        long start = System.nanoTime();
        CheckResult result = checker.check("https://127.0.0.1:" + silent.port() + "/");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(helloBytes.get()).as("the client sent its ClientHello").isPositive();
        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.statusCode()).isNull();
        assertThat(took).isBetween(deadline.minusMillis(100), deadline.plus(SLACK));
    }

    @Test
    void timeoutsAreRetriedAndAttemptsCounted() {
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(Duration.ofMillis(500)).maxRetries(1).build();

        CheckResult result = checker.check(server.url("/stall"));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void aJobsOwnDeadlineGovernsTheWaitForHeadersNotTheWorkersHeaderTimeout() {
        Checkers checkers = Checkers.defaults(vertx).requestTimeout(Duration.ofSeconds(5)).headerTimeout(Duration.ofSeconds(1)).maxRetries(2);

        CheckResult result = check(checkers, server.url("/late-headers"), Duration.ofSeconds(6));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isEqualTo("Late");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void aTlsHandshakeThatStallsPastVertxsTenSecondsEndsAsTimeoutAtALongerJobDeadline() {
        Duration deadline = Duration.ofMillis(11_500);
        long start = System.nanoTime();
        CheckResult result = check(Checkers.defaults(vertx), "https://127.0.0.1:" + silent.port() + "/", deadline);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TIMEOUT);
        assertThat(took).isBetween(deadline.minusMillis(100), deadline.plus(SLACK));
    }

    /** Checks {@code url} for a job that set its own deadline, {@code timeout}. */
    private static CheckResult check(Checkers checkers, String url, Duration timeout) {
        JobOptions job = new JobOptions(null, null, null, null, null, null, null, null, null, timeout.toMillis(), null);
        CheckRequest request = new CheckRequest(CheckRequest.SCHEMA_VERSION, UUID.randomUUID().toString(), "timeout-job", url, url,
                "127.0.0.1", Instant.now(), job);
        try {
            return checkers.build().engine().check(request).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("check of " + url + " did not complete", e);
        }
    }
}
