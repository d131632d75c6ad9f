package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Timings;
import io.urlcheck.testkit.tls.SelfSignedKeyStore;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every result says where its time went, phase by phase, over real loopback sockets: a lookup only for names,
 * a handshake only for https, a server's think time under first byte and a slow body under transfer.
 */
class TimingPhasesTest {

    private static final Duration ROOM = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static HostileServer plain;
    private static HostileServer secure;
    private static SelfSignedKeyStore keyStore;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        plain = HostileServer.http(vertx, "127.0.0.1")
                .route("/think", Routes.slowPage(vertx, 300, "Slow"))
                .route("/trickle", TimingPhasesTest::trickle)
                .route("/ok", Routes.status(200));
        keyStore = SelfSignedKeyStore.create(dir);
        secure = HostileServer.https(vertx, "127.0.0.1", keyStore.path().toString(), keyStore.password())
                .route("/ok", Routes.status(200));
    }

    @AfterAll
    static void stop() {
        plain.close();
        secure.close();
        vertx.close();
    }

    @Test
    void aServersThinkTimeIsTimeToFirstByteNotTransfer() {
        CheckResult result = Checkers.defaults(vertx).requestTimeout(ROOM).build().check(plain.url("/think"));

        Timings t = result.timings();
        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(t.firstByteMs()).isGreaterThanOrEqualTo(290);
        assertThat(t.transferMs()).isLessThan(t.firstByteMs());
        assertThat(t.dnsMs()).as("an IP literal is not looked up").isNull();
        assertThat(t.tlsMs()).as("plain http has no handshake").isNull();
        assertThat(t.connectMs()).isNotNull();
    }

    @Test
    void aBodyThatDripsIsTransferTime() {
        CheckResult result = Checkers.defaults(vertx).requestTimeout(ROOM).build().check(plain.url("/trickle"));

        assertThat(result.timings().transferMs()).as(result.toString()).isGreaterThanOrEqualTo(150);
    }

    /** Headers at once, then three chunks 60 ms apart, then the end. */
    private static void trickle(HttpServerRequest request) {
        HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
        response.write("x");
        vertx.setTimer(60, a -> response.write("x"));
        vertx.setTimer(120, b -> response.write("x"));
        vertx.setTimer(180, c -> response.end("x"));
    }

    @Test
    void aNameIsLookedUpAndTheLookupIsTimed() {
        CheckResult result = Checkers.defaults(vertx).requestTimeout(ROOM).build().check(plain.url("localhost", "/ok"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.timings().dnsMs()).isNotNull().isGreaterThanOrEqualTo(0);
    }

    @Test
    void httpsHasAHandshakeOnANewConnectionAndNoneOnAReusedOne() {
        PfxOptions trust = new PfxOptions().setPath(keyStore.path().toString()).setPassword(keyStore.password());
        Checkers.Built checker = Checkers.defaults(vertx).requestTimeout(ROOM).trust(trust).build();

        CheckResult first = checker.check(secure.url("localhost", "/ok"));
        CheckResult second = checker.check(secure.url("localhost", "/ok"));

        assertThat(first.outcome()).as(first.error()).isEqualTo(Outcome.OK);
        assertThat(first.timings().tlsMs()).isNotNull().isPositive();
        assertThat(second.timings().tlsMs()).as("a pooled connection is reused without a handshake").isZero();
        assertThat(second.timings().connectMs()).isZero();
    }
}
