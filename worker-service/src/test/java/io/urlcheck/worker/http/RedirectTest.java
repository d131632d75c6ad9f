package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Redirect;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.urlcheck.worker.support.TestDnsServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectTest {

    private static Vertx vertx;
    private static HostileServer server;
    /** Writes its Location headers as raw bytes, UTF-8 or Latin-1, as servers do; the Vert.x server writes only Latin-1. */
    private static HostileServer rawRedirects;
    private static TestDnsServer dns;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = HostileServer.http(vertx, "127.0.0.1");
        server.route("/start", Routes.redirect(301, server.url("/middle")))
                .route("/middle", Routes.redirect(302, "../dir/end?x=1"))
                .route("/dir/end", Routes.body("text/html", "<title>Arrived</title>".getBytes()))
                .route("/loop-a", Routes.redirect(302, "/loop-b"))
                .route("/loop-b", Routes.redirect(307, "/loop-a"))
                .route("/to-missing", Routes.redirect(308, "/missing"));
        for (int i = 0; i < 5; i++) {
            server.route("/hop" + i, Routes.redirect(302, "/hop" + (i + 1)));
        }
        server.route("/hop5", Routes.status(200));
        server.route("/to-idn", Routes.redirect(302, "http://FAß.test:" + server.port() + "/dir/./end?x=a b"));
        dns = TestDnsServer.start(vertx).answer("xn--fa-hia.test", "127.0.0.1");
        server.route("/caf%C3%A9", Routes.body("text/html", "<title>Café</title>".getBytes(StandardCharsets.UTF_8)));
        rawRedirects = HostileServer.raw(vertx, "127.0.0.1", socket -> socket.handler(request -> {
            String line = request.toString(StandardCharsets.ISO_8859_1);
            byte[] location = line.startsWith("GET /utf8 ")
                    ? ("http://127.0.0.1:" + server.port() + "/caf\u00e9").getBytes(StandardCharsets.UTF_8)
                    : ("http://127.0.0.1:" + server.port() + "/caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
            socket.write(Buffer.buffer("HTTP/1.1 301 Moved Permanently\r\nContent-Length: 0\r\nLocation: ")
                    .appendBytes(location).appendString("\r\n\r\n"));
        }));
    }

    @AfterAll
    static void stop() {
        dns.close();
        rawRedirects.close();
        server.close();
        vertx.close();
    }

    @Test
    void chainIsFollowedAndRecordedWithRelativeLocationsResolved() {
        CheckResult result = Checkers.defaults(vertx).build().check(server.url("/start"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.title()).isEqualTo("Arrived");
        assertThat(result.finalUrl()).isEqualTo(server.url("/dir/end?x=1"));
        assertThat(result.redirects()).containsExactly(
                new Redirect(server.url("/start"), 301),
                new Redirect(server.url("/middle"), 302));
    }

    @Test
    void aLocationWithAnInternationalNameIsFollowedToItsUts46FormOverTheWire() {
        CheckResult result = Checkers.defaults(vertx).resolver(dns.resolver(vertx)).build().check(server.url("/to-idn"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isEqualTo("Arrived");
        assertThat(result.finalUrl()).isEqualTo(server.url("xn--fa-hia.test", "/dir/end?x=a%20b"));
        assertThat(result.redirects()).containsExactly(new Redirect(server.url("/to-idn"), 302));
    }

    @Test
    void loopEndsFastAsTooManyRedirects() {
        long start = System.nanoTime();
        CheckResult result = Checkers.defaults(vertx).build().check(server.url("/loop-a"));

        assertThat(result.outcome()).isEqualTo(Outcome.TOO_MANY_REDIRECTS);
        assertThat(result.error()).contains("loop");
        assertThat(result.redirects()).hasSize(2);
        assertThat(server.hits("/loop-a")).isGreaterThanOrEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void chainLongerThanMaxRedirectsEndsAsTooManyRedirects() {
        CheckResult result = Checkers.defaults(vertx).maxRedirects(3).build().check(server.url("/hop0"));

        assertThat(result.outcome()).isEqualTo(Outcome.TOO_MANY_REDIRECTS);
        assertThat(result.redirects()).hasSize(4);
    }

    @Test
    void chainWithinMaxRedirectsIsFollowed() {
        CheckResult result = Checkers.defaults(vertx).maxRedirects(5).build().check(server.url("/hop0"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.redirects()).hasSize(5);
    }

    @Test
    void redirectToMissingPageIsHttpErrorWithTheChain() {
        CheckResult result = Checkers.defaults(vertx).build().check(server.url("/to-missing"));

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(result.statusCode()).isEqualTo(404);
        assertThat(result.redirects()).extracting(Redirect::statusCode).containsExactly(308);
    }

    @Test
    void aLocationSentAsRawUtf8BytesIsFollowedAsUtf8() {
        CheckResult result = Checkers.defaults(vertx).build().check("http://127.0.0.1:" + rawRedirects.port() + "/utf8");

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.finalUrl()).isEqualTo(server.url("/caf%C3%A9"));
        assertThat(result.title()).isEqualTo("Café");
    }

    @Test
    void aLocationSentAsLatin1BytesThatAreNotUtf8IsStillReadAsLatin1() {
        CheckResult result = Checkers.defaults(vertx).build().check("http://127.0.0.1:" + rawRedirects.port() + "/latin1");

        assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
        assertThat(result.finalUrl()).isEqualTo(server.url("/caf%C3%A9"));
    }
}
