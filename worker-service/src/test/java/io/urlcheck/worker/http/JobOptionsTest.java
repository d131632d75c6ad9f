package io.urlcheck.worker.http;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.UrlParts;
import io.urlcheck.testkit.tls.SelfSignedKeyStore;
import io.urlcheck.worker.UserAgent;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each per-job option applied by the real engine on the real Vert.x edge, against loopback servers. */
class JobOptionsTest {

    private static final Duration HANDSHAKE_ROOM = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static HostileServer site;
    private static HostileServer other;
    private static SelfSignedKeyStore keyStore;
    private static final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** What a server saw of one request. */
    private record Seen(String server, String path, String query, String method, Map<String, String> headers, long atNanos) {
    }

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        keyStore = SelfSignedKeyStore.create(dir);
        site = HostileServer.http(vertx, "127.0.0.1");
        other = HostileServer.http(vertx, "127.0.0.2");
        site.route("/page", recording("site", Routes.body("text/html", "<title>Page</title>".getBytes())))
                .route("/forbidden", recording("site", Routes.status(403)))
                .route("/no-head-405", recording("site", refusingHead(405)))
                .route("/no-head-501", recording("site", refusingHead(501)))
                .route("/same-site-redirect", recording("site", Routes.redirect(302, "/page")))
                .route("/cross-site-redirect", recording("site", Routes.redirect(302, other.url("/landing"))))
                .route("/unavailable", recording("site", Routes.status(503)))
                .route("/stall", Routes.stall());
        other.route("/landing", recording("other", Routes.body("text/html", "<title>Landing</title>".getBytes())));
        for (int i = 0; i < 4; i++) {
            site.route("/hop" + i, Routes.redirect(302, "/hop" + (i + 1)));
        }
        site.route("/hop4", Routes.status(200));
    }

    @AfterAll
    static void stop() {
        site.close();
        other.close();
        vertx.close();
    }

    @Test
    void theJobsHeadersAndUserAgentArriveAndNoResultShowsTheirValues() {
        JobOptions options = options().headers(Map.of("X-Api-Key", "s3cret-key")).userAgent("probe/7").build();

        CheckResult result = check(Checkers.defaults(vertx), site.url("/page?h=1"), options);

        Seen request = only("/page", "h=1");
        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(request.headers()).containsEntry("x-api-key", "s3cret-key").containsEntry("user-agent", "probe/7");
        assertThat(JsonCodec.encodeToString(result)).doesNotContain("s3cret-key");
    }

    @Test
    void withoutAUserAgentTheDefaultNamesUrlcheckAndItsVersion() {
        check(Checkers.defaults(vertx), site.url("/page?h=2"), JobOptions.DEFAULTS);

        assertThat(only("/page", "h=2").headers().get("user-agent")).isEqualTo(UserAgent.DEFAULT)
                .startsWith("urlcheck/" + UserAgent.VERSION);
    }

    @Test
    void aCrossHostRedirectCarriesNoCustomHeaderButTheUserAgent() {
        JobOptions options = options().headers(Map.of("Authorization", "Bearer t0ken", "Cookie", "s=1", "X-Trace", "9")).build();

        CheckResult result = check(Checkers.defaults(vertx), site.url("/cross-site-redirect?r=1"), options);

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.title()).isEqualTo("Landing");
        assertThat(only("/cross-site-redirect", "r=1").headers()).containsKeys("authorization", "cookie", "x-trace");
        Seen landed = seen.stream().filter(s -> s.server().equals("other")).reduce((a, b) -> b).orElseThrow();
        assertThat(landed.headers()).doesNotContainKeys("authorization", "cookie", "x-trace", "proxy-authorization")
                .containsEntry("user-agent", UserAgent.DEFAULT);
    }

    @Test
    void aSameSiteRedirectKeepsTheJobsHeaders() {
        JobOptions options = options().headers(Map.of("Authorization", "Bearer t0ken")).build();

        check(Checkers.defaults(vertx), site.url("/same-site-redirect"), options);

        Seen landed = seen.stream().filter(s -> s.path().equals("/page") && s.headers().containsKey("authorization"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(landed.headers().get("authorization")).isEqualTo("Bearer t0ken");
    }

    @Test
    void headIsSentAndRecordedAndGetsNoTitle() {
        CheckResult result = check(Checkers.defaults(vertx), site.url("/page?m=head"), options().method("HEAD").build());

        assertThat(only("/page", "m=head").method()).isEqualTo("HEAD");
        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.method()).isEqualTo("HEAD");
        assertThat(result.title()).isNull();
    }

    @Test
    void getIsTheDefaultAndRecorded() {
        CheckResult result = check(Checkers.defaults(vertx), site.url("/page?m=get"), JobOptions.DEFAULTS);

        assertThat(only("/page", "m=get").method()).isEqualTo("GET");
        assertThat(result.method()).isEqualTo("GET");
        assertThat(result.title()).isEqualTo("Page");
    }

    @Test
    void headRefusedWith405Or501FallsBackToGet() {
        for (String path : List.of("/no-head-405", "/no-head-501")) {
            CheckResult result = check(Checkers.defaults(vertx), site.url(path), options().method("HEAD").build());

            assertThat(seen.stream().filter(s -> s.path().equals(path)).map(Seen::method)).containsExactly("HEAD", "GET");
            assertThat(result.outcome()).as(path).isEqualTo(Outcome.OK);
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(result.method()).isEqualTo("GET");
            assertThat(result.title()).isEqualTo("Got");
        }
    }

    @Test
    void acceptTurnsA403IntoOkAndOnlyForItsJob() {
        CheckResult accepted = check(Checkers.defaults(vertx), site.url("/forbidden"), options().accept("200..299,403").build());
        CheckResult plain = check(Checkers.defaults(vertx), site.url("/forbidden"), JobOptions.DEFAULTS);

        assertThat(accepted.outcome()).isEqualTo(Outcome.OK);
        assertThat(accepted.statusCode()).isEqualTo(403);
        assertThat(accepted.error()).isNull();
        assertThat(plain.outcome()).isEqualTo(Outcome.HTTP_ERROR);
    }

    @Test
    void maxRedirectsIsPerJob() {
        Checkers engine = Checkers.defaults(vertx).maxRedirects(10);

        assertThat(check(engine, site.url("/hop0"), options().maxRedirects(2).build()).outcome()).isEqualTo(Outcome.TOO_MANY_REDIRECTS);
        assertThat(check(engine, site.url("/hop0"), JobOptions.DEFAULTS).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void timeoutIsPerJob() {
        long start = System.nanoTime();
        CheckResult result = check(Checkers.defaults(vertx).requestTimeout(Duration.ofSeconds(60)).headerTimeout(Duration.ofSeconds(60)),
                site.url("/stall"), options().timeoutMs(300L).build());

        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void retriesArePerJob() {
        int before = site.hits("/unavailable");
        CheckResult result = check(Checkers.defaults(vertx).maxRetries(0), site.url("/unavailable"), options().retries(2).build());

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(site.hits("/unavailable") - before).isEqualTo(3);
    }

    @Test
    void hostIntervalSpacesTheJobsRequestsAtTheTarget() throws Exception {
        Checkers.Built engine = Checkers.defaults(vertx).build();
        JobOptions options = options().method("HEAD").hostIntervalMs(300L).build();

        List<CompletableFuture<CheckResult>> all = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            all.add(engine.engine().check(request(site.url("/page?i=" + i), options)));
        }
        for (CompletableFuture<CheckResult> f : all) {
            assertThat(f.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
        }

        List<Long> arrivals = seen.stream().filter(s -> s.path().equals("/page") && s.query() != null && s.query().startsWith("i="))
                .map(Seen::atNanos).sorted().toList();
        assertThat(arrivals).hasSize(4);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void insecureAcceptsASelfSignedCertificateAndNamesTheProblem() {
        try (HostileServer tls = HostileServer.https(vertx, "127.0.0.1", keyStore.path().toString(), keyStore.password())
                .route("/secure", Routes.body("text/html", "<title>Secure</title>".getBytes()))) {
            Checkers engine = Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM);

            CheckResult insecure = check(engine, tls.url("localhost", "/secure"), options().insecure(true).build());
            CheckResult strict = check(engine, tls.url("localhost", "/secure"), JobOptions.DEFAULTS);

            assertThat(insecure.outcome()).as(insecure.error()).isEqualTo(Outcome.OK);
            assertThat(insecure.title()).isEqualTo("Secure");
            assertThat(insecure.tls().subject()).contains("CN=localhost");
            assertThat(insecure.tls().problem()).contains("not issued by a trusted authority");
            assertThat(strict.outcome()).as("the default client still refuses it").isEqualTo(Outcome.TLS_ERROR);
        }
    }

    @Test
    void insecureNamesAnExpiredCertificate() {
        SelfSignedKeyStore expired = SelfSignedKeyStore.expired(dir);
        PfxOptions trustCa = new PfxOptions().setPath(dir.resolve("ca.p12").toString()).setPassword(expired.password());
        try (HostileServer old = HostileServer.https(vertx, "127.0.0.1", expired.path().toString(), expired.password())
                .route("/old", Routes.status(200))) {
            CheckResult stale = check(Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).trust(trustCa),
                    old.url("localhost", "/old"), options().insecure(true).build());

            assertThat(stale.outcome()).as(stale.error()).isEqualTo(Outcome.OK);
            assertThat(stale.tls().problem()).startsWith("certificate expired on");
        }
    }

    @Test
    void insecureNamesACertificateForAnotherName() {
        PfxOptions trust = new PfxOptions().setPath(keyStore.path().toString()).setPassword(keyStore.password());
        // The certificate names localhost and 127.0.0.1 only.
        try (HostileServer misnamed = HostileServer.https(vertx, "127.0.0.2", keyStore.path().toString(), keyStore.password())
                .route("/named", Routes.status(200))) {
            CheckResult result = check(Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).trust(trust),
                    misnamed.url("/named"), options().insecure(true).build());

            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
            assertThat(result.tls().problem()).isEqualTo("certificate does not name 127.0.0.2");
        }
    }

    @Test
    void aValidCertificateOnAnInsecureJobHasNoProblem() {
        PfxOptions trust = new PfxOptions().setPath(keyStore.path().toString()).setPassword(keyStore.password());
        try (HostileServer tls = HostileServer.https(vertx, "127.0.0.1", keyStore.path().toString(), keyStore.password())
                .route("/fine", Routes.status(200))) {
            CheckResult result = check(Checkers.defaults(vertx).requestTimeout(HANDSHAKE_ROOM).trust(trust),
                    tls.url("localhost", "/fine"), options().insecure(true).build());

            assertThat(result.outcome()).as(result.error()).isEqualTo(Outcome.OK);
            assertThat(result.tls()).isNotNull();
            assertThat(result.tls().problem()).isNull();
        }
    }

    private static Handler<HttpServerRequest> recording(String server, Handler<HttpServerRequest> then) {
        return r -> {
            Map<String, String> headers = new HashMap<>();
            r.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            seen.add(new Seen(server, r.path(), r.query(), r.method().name(), headers, System.nanoTime()));
            then.handle(r);
        };
    }

    private static Handler<HttpServerRequest> refusingHead(int status) {
        return r -> {
            if (r.method().name().equals("HEAD")) {
                r.response().setStatusCode(status).end();
            } else {
                r.response().putHeader("Content-Type", "text/html").end(Buffer.buffer("<title>Got</title>"));
            }
        };
    }

    private static Seen only(String path, String query) {
        List<Seen> matching = seen.stream().filter(s -> s.path().equals(path) && query.equals(s.query())).toList();
        assertThat(matching).as(path + "?" + query).hasSize(1);
        return matching.get(0);
    }

    private static CheckResult check(Checkers checkers, String url, JobOptions options) {
        try {
            return checkers.build().engine().check(request(url, options)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("check of " + url + " did not complete", e);
        }
    }

    private static CheckRequest request(String url, JobOptions options) {
        return new CheckRequest(CheckRequest.SCHEMA_VERSION, UUID.randomUUID().toString(), "options-job", url, url,
                UrlParts.hostOf(url), Instant.now(), options);
    }

    private static Options options() {
        return new Options();
    }

    /** Builds {@link JobOptions} one field at a time. */
    private static final class Options {
        private String accept;
        private Map<String, String> headers;
        private String userAgent;
        private String method;
        private Boolean insecure;
        private Integer maxRedirects;
        private Long hostIntervalMs;
        private Long timeoutMs;
        private Integer retries;

        Options accept(String v) { accept = v; return this; }
        Options headers(Map<String, String> v) { headers = v; return this; }
        Options userAgent(String v) { userAgent = v; return this; }
        Options method(String v) { method = v; return this; }
        Options insecure(boolean v) { insecure = v; return this; }
        Options maxRedirects(int v) { maxRedirects = v; return this; }
        Options hostIntervalMs(Long v) { hostIntervalMs = v; return this; }
        Options timeoutMs(Long v) { timeoutMs = v; return this; }
        Options retries(int v) { retries = v; return this; }

        JobOptions build() {
            return new JobOptions(accept, null, null, headers, userAgent, method, insecure, maxRedirects, hostIntervalMs,
                    timeoutMs, retries);
        }
    }
}
