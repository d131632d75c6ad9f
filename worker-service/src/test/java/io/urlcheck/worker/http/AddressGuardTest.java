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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF guard on real requests: checked after resolution, on every hop, and nothing is sent when blocked. */
class AddressGuardTest {

    private static Vertx vertx;
    private static HostileServer inside;
    private static HostileServer outside;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        inside = HostileServer.http(vertx, "127.0.0.1").route("/secret", Routes.status(200));
        outside = HostileServer.http(vertx, "127.0.0.2")
                .route("/ok", Routes.status(200))
                .route("/to-inside", Routes.redirect(302, inside.url("/secret")))
                .route("/to-metadata", Routes.redirect(302, "http://169.254.169.254/latest/meta-data/"));
    }

    @AfterAll
    static void stop() {
        inside.close();
        outside.close();
        vertx.close();
    }

    @Test
    void loopbackIsBlockedByDefaultAndNothingIsSent() {
        CheckResult result = Checkers.defaults(vertx).allow(List.of()).build().check(inside.url("/secret"));

        assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(result.error()).contains("127.0.0.0/8").contains("loopback");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(inside.hits("/secret")).isZero();
    }

    @Test
    void namesAreCheckedAfterResolution() {
        CheckResult result = Checkers.defaults(vertx).allow(List.of()).build()
                .check("http://localhost:" + inside.port() + "/secret");

        assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(inside.hits("/secret")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433:%d/secret", "http://0177.0.0.1:%d/secret", "http://[::ffff:127.0.0.1]:%d/secret",
            "http://0x7f.1:%d/secret", "http://[2002:7f00:1::]:%d/secret", "http://[64:ff9b:1::7f00:1]:%d/secret",
            "http://[::ffff:0:7f00:1]:%d/secret", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:%d/secret"})
    void obfuscatedLoopbackLiteralsAreBlocked(String pattern) {
        CheckResult result = Checkers.defaults(vertx).allow(List.of()).build().check(String.format(pattern, inside.port()));

        assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(inside.hits("/secret")).isZero();
    }

    @Test
    void allowedRangeIsReachable() {
        CheckResult result = Checkers.defaults(vertx).allow(List.of("127.0.0.2/32")).build().check(outside.url("/ok"));

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void everyRedirectHopIsChecked() {
        CheckResult result = Checkers.defaults(vertx).allow(List.of("127.0.0.2/32")).build().check(outside.url("/to-inside"));

        assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(result.redirects()).hasSize(1);
        assertThat(inside.hits("/secret")).isZero();
    }

    @Test
    void allowingLoopbackDoesNotOpenTheMetadataAddress() {
        CheckResult result = Checkers.defaults(vertx).allow(List.of("127.0.0.0/8")).build().check(outside.url("/to-metadata"));

        assertThat(result.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(result.error()).contains("169.254.169.254");
    }
}
