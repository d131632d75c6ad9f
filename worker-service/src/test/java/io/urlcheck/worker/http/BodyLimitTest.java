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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BodyLimitTest {

    private static final int CAP = 256 * 1024;

    private static Vertx vertx;
    private static HostileServer server;
    private static final AtomicLong endlessSent = new AtomicLong();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = HostileServer.http(vertx, "127.0.0.1")
                .route("/endless", Routes.endless(endlessSent))
                .route("/bomb", Routes.gzipBomb())
                .route("/zipped", r -> r.response().putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Content-Encoding", "gzip")
                        .end(io.vertx.core.buffer.Buffer.buffer(Routes.gzip(
                                "<html><head><title>Small and zipped</title></head></html>".getBytes(StandardCharsets.UTF_8)))))
                .route("/json", Routes.body("application/json", "{\"title\":\"no\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @Test
    void endlessBodyIsReadToTheCapAndTheConnectionClosed() {
        Checkers.Built checker = Checkers.defaults(vertx).maxBodyBytes(CAP).requestTimeout(Duration.ofSeconds(10)).build();

        long start = System.nanoTime();
        CheckResult result = checker.check(server.url("/endless"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.contentLength()).isEqualTo(CAP);
        assertThat(result.title()).isEqualTo("Endless");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
        // The server notices the close and stops writing: the body was not drained.
        await().atMost(Duration.ofSeconds(10)).until(() -> server.activeNow("/endless") == 0);
        long sentAtClose = endlessSent.get();
        assertThat(sentAtClose).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void gzipBombCostsAtMostTheCap() {
        Checkers.Built checker = Checkers.defaults(vertx).maxBodyBytes(CAP).build();
        checker.check(server.url("/zipped")); // warm up classes and pools, so the measure below is the bomb's
        long before = allocatedByAllThreads();

        CheckResult result = checker.check(server.url("/bomb"));
        long allocated = allocatedByAllThreads() - before;

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isEqualTo("Bomb");
        assertThat(Routes.BOMB_BYTES).isGreaterThan(CAP * 100);
        // Inflating the whole bomb would allocate at least BOMB_BYTES; the cap keeps it to a few MiB.
        assertThat(allocated).isLessThan(32L * 1024 * 1024);
    }

    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    @Test
    void smallGzipPageIsDecodedForItsTitle() {
        CheckResult result = Checkers.defaults(vertx).build().check(server.url("/zipped"));

        assertThat(result.title()).isEqualTo("Small and zipped");
    }

    @Test
    void nonHtmlBodyHasNoTitle() {
        CheckResult result = Checkers.defaults(vertx).build().check(server.url("/json"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isNull();
        assertThat(result.contentType()).isEqualTo("application/json");
        assertThat(result.contentLength()).isEqualTo(14);
    }
}
