package io.urlcheck.systemtests.options;

import com.sun.net.httpserver.HttpsServer;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.StackConfig;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.Targets;
import io.urlcheck.testkit.ExportedResults;
import io.urlcheck.testkit.TargetResponse;
import io.urlcheck.testkit.TargetServer.SeenRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job's options through the real pipeline (producer REST, Kafka, the packaged worker, sink) against
 * loopback targets that record what they received: the header arrived, the method was HEAD, the host
 * interval was kept between two requests to one host, {@code accept} turned a 403 into OK, and a
 * redirect to another host did not carry Authorization.
 */
class JobOptionsIT {

    private static final String JOB = "job-options-it";
    private static final String SECRET = "Bearer it-s3cret-value";
    private static final long INTERVAL_MS = 700;

    private static final String LIMITS_JOB = "job-options-limits-it";
    private static final String URL_PASSWORD = "url-pw-7";

    private static Targets targets;
    private static LocalStack stack;
    private static HttpsServer selfSigned;

    @BeforeAll
    static void startStack() {
        targets = Targets.start(2);
        targets.server(1).stub("/page", TargetResponse.page("Page")).record("/page")
                .stub("/spaced", TargetResponse.ok()).record("/spaced")
                .stub("/forbidden", TargetResponse.status(403))
                .stub("/cross", TargetResponse.redirect(302, targets.url(2, "/landing"))).record("/cross");
        targets.server(2).stub("/landing", TargetResponse.page("Landing")).record("/landing");
        targets.server(2).stub("/ua", TargetResponse.ok()).record("/ua")
                .stub("/hop1", TargetResponse.redirect(302, "/hop2")).stub("/hop2", TargetResponse.redirect(302, "/hop3"))
                .stub("/hop3", TargetResponse.ok()).record("/hop3")
                .stub("/slow", TargetResponse.ok().withDelay(Duration.ofSeconds(6))).record("/slow")
                .stub("/unavailable", TargetResponse.status(503)).record("/unavailable")
                .stub("/not-included", TargetResponse.ok()).record("/not-included")
                .stub("/basic", TargetResponse.ok()).record("/basic");
        selfSigned = SelfSignedTarget.start();
        stack = LocalStack.start(StackConfig.builder(Home.path(), Home.runDir("job-options"))
                .worker("urlcheck.worker.allow-cidrs", "127.0.0.0/8")
                .worker("urlcheck.worker.request-timeout", "10s")
                .worker("urlcheck.worker.max-retries", "0")
                .build());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (targets != null) {
            targets.close();
        }
        if (selfSigned != null) {
            selfSigned.stop(0);
        }
    }

    @Test
    void theJobsOptionsReachTheTargetAndShapeItsResults() throws Exception {
        List<String> urls = List.of(targets.url(1, "/page"), targets.url(1, "/spaced?n=1"), targets.url(1, "/spaced?n=2"),
                targets.url(1, "/forbidden"), targets.url(1, "/cross"));
        String options = "{\"headers\":{\"Authorization\":\"" + SECRET + "\",\"X-Probe\":\"yes\"},\"method\":\"HEAD\","
                + "\"hostIntervalMs\":" + INTERVAL_MS + ",\"accept\":\"200..299,403\"}";

        HttpResponse<String> submitted = submit(String.join("\n", urls) + "\n", options);
        assertThat(submitted.statusCode()).as(submitted.body()).isBetween(200, 299);

        SinkClient sink = new SinkClient(stack.sinkUrl(), null);
        JobStatus done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> sink.job(JOB).orElse(null), s -> s != null && s.done());
        assertThat(done.checked()).isEqualTo(urls.size());
        Map<String, CheckResult> results = ExportedResults.all(sink.export(Map.of("jobId", JOB), "jsonl")).stream()
                .collect(Collectors.toMap(CheckResult::url, Function.identity()));

        SeenRequest page = only(targets.server(1).requests("/page"));
        assertThat(page.headers()).as("the header arrived").containsEntry("x-probe", "yes").containsEntry("authorization", SECRET);
        assertThat(page.headers().get("user-agent")).startsWith("urlcheck/");
        assertThat(page.method()).as("the method was HEAD").isEqualTo("HEAD");
        assertThat(results.get(targets.url(1, "/page")).method()).isEqualTo("HEAD");

        List<SeenRequest> spaced = targets.server(1).requests("/spaced");
        assertThat(spaced).hasSize(2);
        assertThat(Duration.ofNanos(Math.abs(spaced.get(1).arrivedNanos() - spaced.get(0).arrivedNanos())))
                .as("the host interval was kept, measured at the target").isGreaterThanOrEqualTo(Duration.ofMillis(INTERVAL_MS));

        CheckResult forbidden = results.get(targets.url(1, "/forbidden"));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.outcome()).as("accept turned the 403 into OK").isEqualTo(Outcome.OK);

        assertThat(only(targets.server(1).requests("/cross")).headers()).containsKey("authorization");
        SeenRequest landing = only(targets.server(2).requests("/landing"));
        assertThat(landing.headers()).as("a cross-host redirect carried no Authorization nor custom header")
                .doesNotContainKeys("authorization", "x-probe").containsKey("user-agent");
        assertThat(results.get(targets.url(1, "/cross")).outcome()).isEqualTo(Outcome.OK);

        for (CheckResult r : results.values()) {
            assertThat(JsonCodec.encodeToString(r)).as("no result shows a header value").doesNotContain("s3cret");
        }
    }

    @Test
    void userAgentRedirectLimitTimeoutRetriesIncludeAndInsecureArePerJob() throws Exception {
        String secure = "https://127.0.0.1:" + selfSigned.getAddress().getPort() + "/secure";
        String basic = targets.url(2, "/basic").replace("http://", "http://alice:" + URL_PASSWORD + "@");
        List<String> urls = List.of(targets.url(2, "/ua"), targets.url(2, "/hop1"), targets.url(2, "/slow"),
                targets.url(2, "/unavailable"), targets.url(2, "/not-included"), secure, basic);
        String options = "{\"userAgent\":\"docs-bot/1.0\",\"maxRedirects\":1,\"timeoutMs\":1500,\"retries\":2,"
                + "\"insecure\":true,\"include\":[\"/(ua|hop1|slow|unavailable|secure|basic)$\"]}";

        HttpResponse<String> submitted = submit(LIMITS_JOB, String.join("\n", urls) + "\n", options);
        assertThat(submitted.statusCode()).as(submitted.body()).isBetween(200, 299);

        SinkClient sink = new SinkClient(stack.sinkUrl(), null);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> sink.job(LIMITS_JOB).orElse(null), s -> s != null && s.done());
        String exported = new String(sink.export(Map.of("jobId", LIMITS_JOB), "jsonl").readAllBytes(), StandardCharsets.UTF_8);
        Map<String, CheckResult> results = ExportedResults.all(new ByteArrayInputStream(exported.getBytes(StandardCharsets.UTF_8))).stream()
                .collect(Collectors.toMap(CheckResult::url, Function.identity()));

        assertThat(only(targets.server(2).requests("/basic")).headers()).as("the URL's credentials arrived as Basic authentication")
                .containsEntry("authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("alice:" + URL_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(results.get(basic.replace(URL_PASSWORD, "***")).outcome()).isEqualTo(Outcome.OK);
        assertThat(exported).as("no result shows the URL's password").doesNotContain(URL_PASSWORD);

        assertThat(only(targets.server(2).requests("/ua")).headers()).as("the job's User-Agent arrived")
                .containsEntry("user-agent", "docs-bot/1.0");

        CheckResult hops = results.get(targets.url(2, "/hop1"));
        assertThat(hops.outcome()).as("one redirect allowed, two met").isEqualTo(Outcome.TOO_MANY_REDIRECTS);
        assertThat(targets.server(2).requests("/hop3")).as("the redirect past the limit was never followed").isEmpty();

        CheckResult slow = results.get(targets.url(2, "/slow"));
        assertThat(slow.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(slow.responseTimeMs()).as("the job's 1.5 s timeout, not the worker's 10 s").isLessThan(5_000L);

        CheckResult unavailable = results.get(targets.url(2, "/unavailable"));
        assertThat(unavailable.attempts()).as("the job's two retries").isEqualTo(3);
        assertThat(targets.server(2).requests("/unavailable")).hasSize(3);

        CheckResult notIncluded = results.get(targets.url(2, "/not-included"));
        assertThat(notIncluded.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(notIncluded.error()).startsWith("not included");
        assertThat(targets.server(2).requests("/not-included")).as("a URL outside --include is never requested").isEmpty();

        CheckResult insecure = results.get(secure);
        assertThat(insecure.outcome()).as("--insecure accepts the self-signed certificate: %s", insecure.error())
                .isEqualTo(Outcome.OK);
        assertThat(insecure.tls().problem()).as("what was wrong with the certificate is still recorded").isNotBlank();
    }

    private static HttpResponse<String> submit(String body, String options) throws Exception {
        return submit(JOB, body, options);
    }

    private static HttpResponse<String> submit(String jobId, String body, String options) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.producerUrl() + "/api/jobs?jobId=" + jobId))
                .header(ApiHeaders.CLIENT, "urlcheck-launcher")
                .header(ApiHeaders.OPTIONS, options)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static SeenRequest only(List<SeenRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
