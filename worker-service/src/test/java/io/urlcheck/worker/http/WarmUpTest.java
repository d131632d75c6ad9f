package io.urlcheck.worker.http;

import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.WarmUp;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The start-up warm-up on the real Vert.x edge: its own loopback site, and a start it never holds past its timeout. */
class WarmUpTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void everyWarmUpCheckEndsWithTheOutcomeOfItsPageTheRedirectFollowedAndTheMissingPageAnError() throws Exception {
        try (WarmUpTarget target = WarmUpTarget.start(vertx, Duration.ofSeconds(10))) {
            WarmUp.Report report = new WarmUp(Checkers.defaults(vertx).build().engine(), System::nanoTime)
                    .run(target.urls(), 50, 16, Duration.ofSeconds(60));

            assertThat(report.started()).isEqualTo(50);
            assertThat(report.finished()).isEqualTo(50);
            assertThat(report.outcomes()).as("4 of every 5 URLs a page (one through /moved), 1 the missing page")
                    .isEqualTo(Map.of(Outcome.OK, 40, Outcome.HTTP_ERROR, 10));
        }
    }

    @Test
    void aTargetThatNeverAnswersHoldsTheStartOnlyUntilTheTimeout() throws Exception {
        try (HostileServer silent = HostileServer.http(vertx, "127.0.0.1").route("/", Routes.stall())) {
            WarmUp.Report report = new WarmUp(Checkers.defaults(vertx).requestTimeout(Duration.ofSeconds(60))
                    .headerTimeout(Duration.ofSeconds(60)).build().engine(), System::nanoTime)
                    .run(List.of(silent.url("/")), 100, 4, Duration.ofMillis(300));

            assertThat(report.finished()).isZero();
            assertThat(report.started()).isEqualTo(4);
            assertThat(report.took()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(10));
        }
    }

    @Test
    void noCheckStartsAfterTheTimeoutEvenAsTheChecksInFlightFinish() throws Exception {
        try (HostileServer slow = HostileServer.http(vertx, "127.0.0.1").route("/", Routes.slowPage(vertx, 200, "Slow"))) {
            WarmUp.Report report = new WarmUp(Checkers.defaults(vertx).build().engine(), System::nanoTime)
                    .run(List.of(slow.url("/")), 1000, 4, Duration.ofMillis(500));

            assertThat(report.finished()).as("a few 200 ms pages, 4 at a time, in 500 ms").isBetween(1, 40);
            assertThat(report.started()).isBetween(report.finished(), report.finished() + 4);
            assertThat(report.outcomes().values().stream().mapToInt(Integer::intValue).sum())
                    .as("outcomes, taken while checks still finish").isEqualTo(report.finished());
            await("the page's hits: those started, and no more as the last ones finish")
                    .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> slow.hits("/") == report.started());
        }
    }
}
