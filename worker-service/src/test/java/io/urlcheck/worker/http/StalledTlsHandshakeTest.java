package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that accepts the TCP connection, reads the ClientHello and never answers: the TCP connect
 * succeeds at once, so only the attempt's deadline can end the check.
 */
class StalledTlsHandshakeTest {

    private static final Duration SLACK = Duration.ofSeconds(3);

    private static Vertx vertx;
    private static HostileServer silent;
    private static final AtomicInteger helloBytes = new AtomicInteger();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        silent = HostileServer.raw(vertx, "127.0.0.1", socket -> socket.handler(data -> helloBytes.addAndGet(data.length())));
    }

    @AfterAll
    static void stop() {
        silent.close();
        vertx.close();
    }

    @Test
    void aHandshakeThatStallsEndsAsTimeoutAtTheDeadline() {
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
}
