package io.urlcheck.systemtests.hostile;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.testkit.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged producer and sink without an API token, as {@code ./urlcheck up} runs them: a web page the
 * user visits must not be able to use them. A cross-site form can POST {@code text/plain} or multipart to
 * 127.0.0.1:8081 without a preflight, and a DNS-rebinding page reaches it under its own name. So the
 * guard wants a loopback peer, a loopback {@code Host}, no foreign {@code Origin} or cross-site fetch, and
 * for a form-sendable body the {@code X-Urlcheck-Client} header; the launcher's clients keep working.
 */
class ApiGuardLocalModeIT {

    private static final String LINES = "http://local-mode.example/a\nhttp://local-mode.example/b\n";

    private static KafkaBroker broker;
    private static PackagedService producer;
    private static PackagedService sink;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        Map<String, String> env = Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        producer = PackagedService.start("producer-service", env);
        sink = PackagedService.start("sink-service", env);
    }

    @AfterAll
    static void stop() {
        PackagedService.closeAll(producer, sink, broker);
    }

    @Test
    void theLaunchersClientsStillSubmitAndQuery() {
        ProducerClient client = new ProducerClient(producer.loopbackUrl(), null);
        Submission submission = client.submit(() -> new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)), "local-launcher");
        assertThat(submission.accepted()).isEqualTo(2);
        assertThat(new SinkClient(sink.loopbackUrl(), null).summary(null)).isNotNull();
    }

    @Test
    void aLocalHttp2ClientIsServedToo() throws Exception {
        // Java's default client upgrades plain http to h2c: the later requests carry :authority, not Host.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(sink.loopbackUrl() + "/api/summary"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("request %d over %s: %s", i, response.version(), response.body()).isEqualTo(200);
        }
    }

    @Test
    void aFormSendableBodyWithoutTheClientHeaderIsRefused() {
        RawHttp.Response text = post("/api/jobs?jobId=csrf-text", Map.of("Content-Type", "text/plain"), LINES);
        assertThat(text.status()).as(text.body()).isEqualTo(403);
        assertThat(text.body()).contains(ApiHeaders.CLIENT);
        String multipart = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + LINES + "\r\n--b0undary--\r\n";
        assertThat(post("/api/jobs?jobId=csrf-multipart", Map.of("Content-Type", "multipart/form-data; boundary=b0undary"),
                multipart).status()).isEqualTo(403);
        assertThat(post("/api/jobs?jobId=csrf-form", Map.of("Content-Type", "application/x-www-form-urlencoded"), "url=x")
                .status()).isEqualTo(403);
        assertThat(post("/api/jobs?jobId=csrf-none", Map.of(), LINES).status()).isEqualTo(403);
        assertThat(RawHttp.send(sink.port(), "GET", "/api/jobs/csrf-text", Map.of(), null).status())
                .as("the refused job never reached Kafka").isEqualTo(404);

        assertThat(post("/api/jobs?jobId=local-text", Map.of("Content-Type", "text/plain", ApiHeaders.CLIENT, "curl"), LINES)
                .status()).isEqualTo(202);
        assertThat(post("/api/jobs?jobId=local-multipart", Map.of("Content-Type", "multipart/form-data; boundary=b0undary",
                ApiHeaders.CLIENT, "curl"), multipart).status()).isEqualTo(202);
        assertThat(post("/api/jobs?jobId=local-json", Map.of("Content-Type", "application/json"),
                "[\"http://local-mode.example/json\"]").status()).as("JSON needs a preflight cross-site: no header needed")
                .isEqualTo(202);
    }

    @Test
    void aForeignHostOriginOrCrossSiteFetchIsRefusedOnBothServices() {
        String json = "[\"http://rebinding.example/\"]";
        Map<String, String> jsonType = Map.of("Content-Type", "application/json");
        assertThat(post("/api/jobs", with(jsonType, "Host", "rebind.attacker.example:" + producer.port()), json).status())
                .as("DNS rebinding: the page's own name in Host").isEqualTo(403);
        assertThat(post("/api/jobs", with(jsonType, "Origin", "http://attacker.example"), json).status()).isEqualTo(403);
        assertThat(post("/api/jobs", with(jsonType, "Origin", "null"), json).status()).isEqualTo(403);
        assertThat(post("/api/jobs", with(jsonType, "Sec-Fetch-Site", "cross-site"), json).status()).isEqualTo(403);

        assertThat(get(sink, "/api/summary", Map.of("Host", "rebind.attacker.example:" + sink.port())).status()).isEqualTo(403);
        assertThat(get(sink, "/api/summary", Map.of("Origin", "http://localhost:3000")).status()).isEqualTo(403);
        assertThat(get(sink, "/api/summary", Map.of("Sec-Fetch-Site", "same-site")).status()).isEqualTo(403);
        // The dashboard itself: same-origin fetches from a page loaded off the sink.
        assertThat(get(sink, "/api/summary", Map.of("Origin", "http://127.0.0.1:" + sink.port(),
                "Sec-Fetch-Site", "same-origin")).status()).isEqualTo(200);
        assertThat(get(sink, "/api/summary", Map.of("Host", "localhost:" + sink.port())).status()).isEqualTo(200);
        assertThat(get(sink, "/", Map.of()).status()).isEqualTo(200);
        assertThat(get(sink, "/q/health/live", Map.of("Host", "anything.example")).status()).as("public").isEqualTo(200);
    }

    @Test
    void withoutATokenAPeerOffThisMachineIsRefusedEvenWhenTheOperatorBindsEveryInterface() {
        Optional<InetAddress> address = PackagedService.nonLoopbackAddress();
        assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
        try (PackagedService open = PackagedService.start("sink-service", Map.of("quarkus.http.host", "0.0.0.0",
                "kafka.bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(open.listeningHost()).contains("0.0.0.0");
            String host = address.get().getHostAddress() + ":" + open.port();
            assertThat(RawHttp.send(address.get(), open.port(), "GET", "/api/summary", Map.of("Host", host), null).status())
                    .isEqualTo(403);
            assertThat(RawHttp.send(address.get(), open.port(), "GET", "/q/health/live", Map.of("Host", host), null).status())
                    .isEqualTo(200);
            assertThat(RawHttp.send(open.port(), "GET", "/api/summary", Map.of(), null).status()).isEqualTo(200);
        }
    }

    private static RawHttp.Response post(String target, Map<String, String> headers, String body) {
        return RawHttp.send(producer.port(), "POST", target, headers, body);
    }

    private static RawHttp.Response get(PackagedService service, String target, Map<String, String> headers) {
        return RawHttp.send(service.port(), "GET", target, headers, null);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }
}
