package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Redirect;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.urlcheck.worker.support.TestDnsServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectTest {

    private static Vertx vertx;
    private static HostileServer server;
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
    }

    @AfterAll
    static void stop() {
        dns.close();
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
}
