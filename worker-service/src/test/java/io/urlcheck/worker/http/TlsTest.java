package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.testkit.tls.SelfSignedKeyStore;
import io.urlcheck.worker.support.CapturedLog;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

class TlsTest {

    /** A first TLS handshake on a loaded 2-core machine can take seconds (JSSE warm-up, RSA). */
    private static final Duration HANDSHAKE_ROOM = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static SelfSignedKeyStore keyStore;
    private static HostileServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        keyStore = SelfSignedKeyStore.create(dir);
        server = HostileServer.https(vertx, "127.0.0.1", keyStore.path().toString(), keyStore.password())
                .route("/secure", Routes.body("text/html", "<title>Secure</title>".getBytes()));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    @Test
    void selfSignedCertificateIsTlsErrorWithTheReason() {
        CheckResult result = Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).maxRetries(2).build().check(server.url("localhost", "/secure"));

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TLS_ERROR);
        assertThat(result.error()).startsWith("TLS handshake failed");
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void trustedCertificateFieldsAreRecorded() {
        PfxOptions trust = new PfxOptions().setPath(keyStore.path().toString()).setPassword(keyStore.password());

        CheckResult result = Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).trust(trust).build().check(server.url("localhost", "/secure"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isEqualTo("Secure");
        assertThat(result.tls()).isNotNull();
        assertThat(result.tls().protocol()).startsWith("TLSv1.");
        assertThat(result.tls().subject()).contains("CN=localhost");
        assertThat(result.tls().issuer()).contains("CN=localhost");
        assertThat(result.tls().notAfter()).isBetween(Instant.now(), Instant.now().plus(Duration.ofDays(3)));
    }

    @Test
    void expiredCertificateIsTlsErrorEvenWhenItsIssuerIsTrusted() {
        SelfSignedKeyStore expired = SelfSignedKeyStore.expired(dir);
        PfxOptions trustCa = new PfxOptions().setPath(dir.resolve("ca.p12").toString()).setPassword(expired.password());
        try (HostileServer old = HostileServer.https(vertx, "127.0.0.1", expired.path().toString(), expired.password())
                .route("/old", Routes.status(200))) {
            CheckResult result = Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).trust(trustCa).build()
                    .check(old.url("localhost", "/old"));

            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TLS_ERROR);
            assertThat(result.error()).contains("Expired");
        }
    }

    @Test
    void certificateForAnotherNameIsTlsError() {
        PfxOptions trust = new PfxOptions().setPath(keyStore.path().toString()).setPassword(keyStore.password());

        // The certificate names localhost and 127.0.0.1 only.
        try (HostileServer other = HostileServer.https(vertx, "127.0.0.2", keyStore.path().toString(), keyStore.password())
                .route("/secure", Routes.status(200))) {
            CheckResult result = Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).trust(trust).build().check(other.url("/secure"));

            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TLS_ERROR);
            assertThat(result.error()).contains("127.0.0.2");
        }
    }

    @Test
    void tlsToAPlainHttpPortIsAShortTlsErrorTriedOnce() {
        // What an HTTP server answers to a TLS ClientHello: a 400 in plain text, which is no TLS record.
        try (HostileServer plain = HostileServer.raw(vertx, "127.0.0.1", socket -> socket.handler(hello -> socket.write(
                Buffer.buffer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).onComplete(v -> socket.close())));
             CapturedLog log = CapturedLog.of("io.vertx", Level.SEVERE)) {
            CheckResult result = Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).maxRetries(2).build()
                    .check("https://127.0.0.1:" + plain.port() + "/");

            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.TLS_ERROR);
            assertThat(result.error()).isEqualTo("TLS handshake failed: not a TLS server (the answer was not a TLS record)");
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(log.lines()).isEmpty();
        }
    }
}
