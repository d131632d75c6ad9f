package io.urlcheck.systemtests.hostile;

import io.urlcheck.testkit.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every spelling of a guarded path, sent byte for byte to the packaged producer and sink running with an
 * API token (from the environment, as deploy/ gives it): path parameters, percent-encoding, dot segments,
 * doubled slashes, case, trailing characters, absolute URIs, and public paths used as a springboard. None
 * may be served without the token. Before the fix {@code GET /api;x/summary} answered 200.
 */
class ApiGuardBypassIT {

    private static final String TOKEN = "bypass-token-" + Long.toHexString(System.nanoTime());
    private static final String READ_TOKEN = "read-only-" + Long.toHexString(System.nanoTime());

    /** Spellings of a guarded path; {@code {r}} is the resource ({@code summary}, {@code jobs}...), {@code {R}} it in capitals. */
    private static final List<String> SPELLINGS = List.of(
            "/api/{r}", "/api;x/{r}", "/api;a=b/{r}", "/api/{r};x", "/api/;x/{r}", "/api;/{r}", "/;x/api/{r}",
            "/API/{r}", "/Api/{r}", "/api/{R}",
            "/%61pi/{r}", "/%41PI/{r}", "/api%2F{r}", "/api%2f{r}", "/%2561pi/{r}", "/api/%73ummary", "/%2Fapi/{r}",
            "//api/{r}", "///api/{r}", "/api//{r}", "/./api/{r}", "/api/./{r}", "/x/../api/{r}", "/api/x/../{r}",
            "/%2e/api/{r}", "/api/%2e/{r}", "/x/%2e%2e/api/{r}", "/x/..%2fapi/{r}", "/.;/api/{r}", "/api/..;/api/{r}",
            "/api/{r}/", "/api/{r}/.", "/api/{r}%20", "/api/{r}%00", "/api/{r}%09", "/api/{r}.json", "/api/{r}?x=1",
            "/api/{r}#x", "/api\\{r}", "\\api\\{r}",
            "/q/health/../../api/{r}", "/q/health/..;/..;/api/{r}", "/q/health/%2e%2e/%2e%2e/api/{r}",
            "/q/health/..%2f..%2fapi/{r}", "/q/metrics/../../api/{r}", "/q/openapi/../../api/{r}", "/q/health;/../api/{r}",
            "/js/../api/{r}", "/js/..%2f..%2fapi/{r}", "/css/%2e%2e/api/{r}", "/index.html/../api/{r}",
            "/vendor/chart.umd.min.js/../../api/{r}",
            "http://127.0.0.1/api/{r}", "http://127.0.0.1/q/health/../../api/{r}", "http://x/js/../api/{r}");

    private static KafkaBroker broker;
    private static PackagedService producer;
    private static PackagedService sink;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        Map<String, String> env = Map.of("urlcheck.api.token", TOKEN, "urlcheck.api.read-token", READ_TOKEN,
                "kafka.bootstrap.servers", broker.bootstrapServers());
        producer = PackagedService.start("producer-service", env);
        sink = PackagedService.start("sink-service", env);
    }

    @AfterAll
    static void stop() {
        PackagedService.closeAll(producer, sink, broker);
    }

    @Test
    void noSpellingOfASinkApiPathIsServedWithoutTheToken() {
        List<String> served = new ArrayList<>();
        for (String resource : List.of("summary", "jobs", "results")) {
            for (String spelling : SPELLINGS) {
                String target = spell(spelling, resource);
                RawHttp.Response r = RawHttp.send(sink.port(), "GET", target, Map.of(), null);
                System.out.println("BYPASS sink GET " + target + " -> " + r.status());
                if (r.status() != 401 && r.status() != 400) {
                    served.add("GET " + target + " -> " + r.status() + " " + r.body().lines().findFirst().orElse(""));
                }
            }
        }
        assertThat(served).as("answered without the token (only 401, or 400 for a malformed request, are allowed)").isEmpty();
    }

    @Test
    void noSpellingOfTheProducerApiTakesAJobOrAnswersWithoutTheToken() {
        List<String> served = new ArrayList<>();
        for (String spelling : SPELLINGS) {
            String target = spell(spelling, "jobs");
            RawHttp.Response post = RawHttp.send(producer.port(), "POST", target,
                    Map.of("Content-Type", "text/plain"), "http://bypass.example/\n");
            RawHttp.Response get = RawHttp.send(producer.port(), "GET", target.replace("jobs", "jobs/any"), Map.of(), null);
            System.out.println("BYPASS producer POST " + target + " -> " + post.status() + ", GET -> " + get.status());
            for (RawHttp.Response r : List.of(post, get)) {
                if (r.status() != 401 && r.status() != 400) {
                    served.add(target + " -> " + r.status() + " " + r.body().lines().findFirst().orElse(""));
                }
            }
        }
        assertThat(served).as("answered without the token (only 401, or 400 for a malformed request, are allowed)").isEmpty();
    }

    @Test
    void onlyThePlainSpellingOfAPublicPathIsOpenAndEverythingElseIsDenied() {
        for (PackagedService service : List.of(producer, sink)) {
            for (String open : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics",
                    "/q/openapi")) {
                assertThat(RawHttp.send(service.port(), "GET", open, Map.of(), null).status()).as(service + " " + open)
                        .isEqualTo(200);
            }
            for (String guarded : List.of("/q/swagger-ui/", "/q/swagger-ui", "/q/dev-ui", "/q/arc", "/nowhere", "/q/health;x",
                    "/q/health/live/", "/Q/HEALTH")) {
                assertThat(RawHttp.send(service.port(), "GET", guarded, Map.of(), null).status()).as(service + " " + guarded)
                        .isEqualTo(401);
            }
            assertThat(RawHttp.send(service.port(), "POST", "/q/health", Map.of("Content-Type", "application/json"), "{}")
                    .status()).as(service + " POST /q/health").isEqualTo(401);
        }
        for (String dashboard : List.of("/", "/index.html", "/js/main.js", "/js/api.js", "/css/dashboard.css",
                "/vendor/chart.umd.min.js")) {
            assertThat(RawHttp.send(sink.port(), "GET", dashboard, Map.of(), null).status()).as("sink " + dashboard)
                    .isEqualTo(200);
        }
        for (String notPublic : List.of("/DESIGN.md", "/vendor/README.md", "/js/", "/index.html;x", "/%69ndex.html")) {
            assertThat(RawHttp.send(sink.port(), "GET", notPublic, Map.of(), null).status()).as("sink " + notPublic)
                    .isEqualTo(401);
        }
        assertThat(RawHttp.send(producer.port(), "GET", "/", Map.of(), null).status()).as("producer /").isEqualTo(401);
    }

    @Test
    void theTokenStillOpensTheApis() {
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + TOKEN);
        assertThat(RawHttp.send(sink.port(), "GET", "/api/summary", bearer, null).status()).isEqualTo(200);
        RawHttp.Response submitted = RawHttp.send(producer.port(), "POST", "/api/jobs?jobId=bypass-with-token",
                Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "text/plain"), "http://with-token.example/\n");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(RawHttp.send(producer.port(), "GET", "/api/jobs/bypass-with-token", bearer, null).status()).isEqualTo(200);
    }

    @Test
    void theReadOnlyTokenReadsEveryApiButNoSpellingOfAnyOtherMethodChangesAnything() {
        Map<String, String> full = Map.of("Authorization", "Bearer " + TOKEN);
        Map<String, String> read = Map.of("Authorization", "Bearer " + READ_TOKEN);
        RawHttp.Response created = RawHttp.send(producer.port(), "POST", "/api/monitors?name=read-only-probe&every=1h",
                Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "text/plain"), "http://read-only.example/\n");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        for (String path : List.of("/api/summary", "/api/jobs", "/api/results", "/api/monitors", "/api/events")) {
            assertThat(RawHttp.send(sink.port(), "GET", path, read, null).status()).as("sink GET " + path).isEqualTo(200);
        }
        assertThat(RawHttp.send(producer.port(), "GET", "/api/monitors", read, null).status()).isEqualTo(200);
        assertThat(RawHttp.send(producer.port(), "HEAD", "/api/monitors/read-only-probe", read, null).status()).isEqualTo(200);

        RawHttp.Response refused = RawHttp.send(producer.port(), "POST", "/api/jobs?jobId=read-only-submit",
                Map.of("Authorization", "Bearer " + READ_TOKEN, "Content-Type", "text/plain"), "http://read-only.example/\n");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("the read-only token may only GET and HEAD; POST needs urlcheck.api.token");
        assertThat(RawHttp.send(producer.port(), "GET", "/api/jobs/read-only-submit", full, null).status())
                .as("no job was taken").isEqualTo(404);

        List<String> served = new ArrayList<>();
        for (String spelling : SPELLINGS) {
            String target = spell(spelling, "jobs");
            RawHttp.Response post = RawHttp.send(producer.port(), "POST", target,
                    Map.of("Authorization", "Bearer " + READ_TOKEN, "Content-Type", "text/plain"), "http://read-only.example/\n");
            if (post.status() != 403 && post.status() != 400) {
                served.add("POST " + target + " -> " + post.status() + " " + post.body().lines().findFirst().orElse(""));
            }
        }
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND")) {
            RawHttp.Response r = RawHttp.send(producer.port(), method, "/api/monitors/read-only-probe", read, null);
            if (r.status() != 403 && r.status() != 400) {
                served.add(method + " -> " + r.status());
            }
        }
        // A method override header is not a way round the method the request line names.
        Map<String, String> overriding = Map.of("Authorization", "Bearer " + READ_TOKEN, "X-HTTP-Method-Override", "DELETE",
                "X-HTTP-Method", "DELETE", "X-Method-Override", "DELETE");
        RawHttp.send(producer.port(), "GET", "/api/monitors/read-only-probe", overriding, null);
        RawHttp.send(producer.port(), "POST", "/api/monitors/read-only-probe?_method=DELETE", overriding, "");
        assertThat(served).as("changed with the read-only token (only 403, or 400 for a malformed request, are allowed)").isEmpty();
        assertThat(RawHttp.send(producer.port(), "GET", "/api/monitors/read-only-probe", full, null).status())
                .as("the monitor is still there").isEqualTo(200);
        assertThat(RawHttp.send(producer.port(), "DELETE", "/api/monitors/read-only-probe", full, null).status())
                .as("the API token still deletes it").isIn(200, 204);
    }

    @Test
    void aReadOnlyTokenWithoutTheApiTokenStopsTheServiceAtStartNamingBoth() {
        assertThatThrownBy(() -> PackagedService.start("sink-service", Map.of("urlcheck.api.read-token", READ_TOKEN,
                "kafka.bootstrap.servers", broker.bootstrapServers())).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sink-service exited with 1")
                .hasMessageContaining("urlcheck.api.read-token is set without urlcheck.api.token");
    }

    private static String spell(String spelling, String resource) {
        return spelling.replace("{r}", resource).replace("{R}", resource.toUpperCase(java.util.Locale.ROOT));
    }
}
