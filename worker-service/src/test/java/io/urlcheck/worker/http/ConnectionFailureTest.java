package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.support.CapturedLog;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFailureTest {

    private static Vertx vertx;
    private static final AtomicInteger garbageConnections = new AtomicInteger();
    private static final AtomicInteger badHeaderConnections = new AtomicInteger();
    private static HostileServer garbage;
    private static HostileServer longGarbage;
    private static HostileServer badHeader;
    private static HostileServer badChunk;
    private static HostileServer resetting;
    private static HostileServer hugeHeaders;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        garbage = HostileServer.raw(vertx, "127.0.0.1", socket -> {
            garbageConnections.incrementAndGet();
            socket.handler(data -> socket.write(Buffer.buffer("SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001garbage\r\n\r\n")));
        });
        // A first word of 3,000 characters with control characters in it: what the error quotes of it must be short and clean.
        longGarbage = HostileServer.raw(vertx, "127.0.0.1", socket -> socket.handler(data -> socket.write(
                Buffer.buffer("SSH-2.0-\u0007\u001b[2J" + "Z".repeat(3000) + " 200 OK\r\n\r\n"))));
        // A redirect whose Location holds an escape character: no client may read it, however often it asks.
        badHeader = HostileServer.raw(vertx, "127.0.0.1", socket -> {
            badHeaderConnections.incrementAndGet();
            socket.handler(data -> socket.write(Buffer.buffer(
                    "HTTP/1.1 302 Found\r\nLocation: /next\u001b[31mred\r\nContent-Length: 0\r\n\r\n")));
        });
        badChunk = HostileServer.raw(vertx, "127.0.0.1", socket -> socket.handler(data -> socket.write(Buffer.buffer(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n"))));
        resetting = HostileServer.resetting(vertx, "127.0.0.1");
        hugeHeaders = HostileServer.http(vertx, "127.0.0.1")
                .route("/large", r -> r.response().setStatusCode(203)
                        .putHeader("Set-Cookie", "session=" + "c".repeat(16 * 1024))
                        .putHeader("Content-Security-Policy", "default-src 'self' " + "https://cdn.example.com ".repeat(700))
                        .end())
                // Beyond even the client's raised limit of 64 KiB, and beyond curl's 100 KiB.
                .route("/huge", r -> r.response().putHeader("X-Big", "y".repeat(128 * 1024)).end());
    }

    @AfterAll
    static void stop() {
        garbage.close();
        longGarbage.close();
        badHeader.close();
        badChunk.close();
        resetting.close();
        hugeHeaders.close();
        vertx.close();
    }

    @Test
    void refusedConnectionIsConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }

        CheckResult result = Checkers.defaults(vertx).build().check("http://127.0.0.1:" + closedPort + "/");

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_REFUSED);
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).containsIgnoringCase("refused");
    }

    @Test
    void unknownHostIsDnsFailureWithoutRetries() {
        long start = System.nanoTime();
        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check("http://no-such-host.invalid/");

        assertThat(result.outcome()).isEqualTo(Outcome.DNS_FAILURE);
        assertThat(result.error()).contains("no-such-host.invalid");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anAnswerThatIsNotHttpIsAPermanentConnectionErrorTriedOnce() {
        int before = garbageConnections.get();

        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check("http://127.0.0.1:" + garbage.port() + "/");

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(result.error()).isEqualTo("not an HTTP response: invalid version format: SSH-2.0-OPENSSH_9.2");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(garbageConnections.get() - before).isEqualTo(1);
    }

    @Test
    void whatTheErrorQuotesOfANonHttpAnswerIsShortAndFreeOfControlCharacters() {
        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check("http://127.0.0.1:" + longGarbage.port() + "/");

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.error()).startsWith("not an HTTP response: ").hasSizeLessThanOrEqualTo(200)
                .doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void aResponseHeaderWithAControlCharacterIsAPermanentConnectionErrorTriedOnce() {
        int before = badHeaderConnections.get();

        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check("http://127.0.0.1:" + badHeader.port() + "/");

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(result.error()).startsWith("invalid response header: ").contains("0x1b").doesNotContainPattern("\\p{Cntrl}");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(badHeaderConnections.get() - before).isEqualTo(1);
    }

    @Test
    void aMalformedChunkedBodyIsAPermanentConnectionErrorTriedOnce() {
        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check("http://127.0.0.1:" + badChunk.port() + "/");

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(result.error()).startsWith("invalid response body: ");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void serversThatAnswerBadlyLogNoErrorInTheWorker() {
        Checkers.Built checker = Checkers.defaults(vertx).build();
        try (CapturedLog log = CapturedLog.of("io.vertx", Level.SEVERE)) {
            assertThat(checker.check("http://127.0.0.1:" + garbage.port() + "/").outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
            assertThat(checker.check("http://127.0.0.1:" + badHeader.port() + "/").outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
            assertThat(checker.check("http://127.0.0.1:" + resetting.port() + "/").outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
            assertThat(checker.check(hugeHeaders.url("/huge")).outcome()).isEqualTo(Outcome.CONNECTION_ERROR);

            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void resetConnectionIsConnectionError() {
        CheckResult result = Checkers.defaults(vertx).build().check("http://127.0.0.1:" + resetting.port() + "/");

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(result.error()).isNotBlank();
    }

    @Test
    void headersOfTensOfKilobytesAreReadAndTheRealStatusReported() {
        CheckResult result = Checkers.defaults(vertx).build().check(hugeHeaders.url("/large"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.statusCode()).isEqualTo(203);
    }

    @Test
    void headersOverTheLimitAreAPermanentErrorTriedOnce() {
        int before = hugeHeaders.hits("/huge");

        CheckResult result = Checkers.defaults(vertx).maxRetries(2).build().check(hugeHeaders.url("/huge"));

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(hugeHeaders.hits("/huge") - before).isEqualTo(1);
        assertThat(result.error()).contains("response headers larger than 64 KiB");
    }
}
