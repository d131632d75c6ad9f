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

import static org.assertj.core.api.Assertions.assertThat;

class RetryTest {

    private static Vertx vertx;
    private static HostileServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = HostileServer.http(vertx, "127.0.0.1")
                .route("/busy", Routes.sequence(
                        r -> r.response().setStatusCode(503).putHeader("Retry-After", "1").end(),
                        Routes.status(200)))
                .route("/limited", Routes.sequence(
                        r -> r.response().setStatusCode(429).putHeader("Retry-After", "1").end(),
                        Routes.status(204)))
                .route("/greedy", Routes.sequence(
                        r -> r.response().setStatusCode(503).putHeader("Retry-After", "3600").end(),
                        Routes.status(200)))
                .route("/crowded", r -> r.response().setStatusCode(429).putHeader("Retry-After", "1").end())
                .route("/calm", Routes.status(200))
                .route("/always-500", Routes.status(500))
                .route("/gone", Routes.status(404))
                .route("/not-implemented", Routes.status(501))
                .route("/wrong-version", Routes.status(505));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @Test
    void retryAfterOn503IsHonoured() {
        long start = System.nanoTime();
        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check(server.url("/busy"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterOn429IsHonoured() {
        long start = System.nanoTime();
        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check(server.url("/limited"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.statusCode()).isEqualTo(204);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void retryAfterIsCapped() {
        long start = System.nanoTime();
        CheckResult result = Checkers.defaults(vertx).maxRetries(1).retryAfterCap(Duration.ofMillis(300)).build()
                .check(server.url("/greedy"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void persistent5xxIsRetriedUpToMaxRetries() {
        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check(server.url("/always-500"));

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(server.hits("/always-500")).isEqualTo(3);
    }

    @Test
    void notFoundIsNotRetried() {
        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check(server.url("/gone"));

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).isEqualTo("HTTP 404");
    }

    @Test
    void notImplementedAndVersionNotSupportedAreAnsweredOnceNotRetried() {
        Checkers.Built checker = Checkers.defaults(vertx).maxRetries(2).build();

        CheckResult notImplemented = checker.check(server.url("/not-implemented"));
        CheckResult wrongVersion = checker.check(server.url("/wrong-version"));

        assertThat(notImplemented.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(notImplemented.statusCode()).isEqualTo(501);
        assertThat(notImplemented.attempts()).isEqualTo(1);
        assertThat(server.hits("/not-implemented")).isEqualTo(1);
        assertThat(wrongVersion.statusCode()).isEqualTo(505);
        assertThat(wrongVersion.attempts()).isEqualTo(1);
        assertThat(server.hits("/wrong-version")).isEqualTo(1);
    }

    @Test
    void aHostThatAnswers429GetsNoOtherCheckUntilItsRetryAfterIsOverWithoutTheWaitCountingAsResponseTime() {
        Checkers.Built checker = Checkers.defaults(vertx).maxRetries(0).build();

        CheckResult crowded = checker.check(server.url("/crowded"));
        long answered = System.nanoTime();
        CheckResult calm = checker.check(server.url("/calm"));
        Duration waited = Duration.ofNanos(System.nanoTime() - answered);

        assertThat(crowded.statusCode()).isEqualTo(429);
        assertThat(calm.outcome()).as(calm.error()).isEqualTo(Outcome.OK);
        assertThat(waited).as("another URL of the host waited for its Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(calm.responseTimeMs()).as("the wait is not the host's response time").isLessThan(900L);
    }
}
