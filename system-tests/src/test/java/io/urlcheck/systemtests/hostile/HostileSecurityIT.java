package io.urlcheck.systemtests.hostile;

import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.chaos.Pipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Security at system level, on the packaged services: the bearer token on {@code /api/*} of producer
 * and sink (health and metrics stay open), the standard Kafka SASL client properties reaching every
 * Kafka client of every service, and logs that never print the token, the SASL password or a request body.
 */
class HostileSecurityIT {

    private static final String TOKEN = "api-token-" + UUID.randomUUID();
    private static final String SASL_PASSWORD = "sasl-password-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SASL_REFUSED = Pattern.compile("failed authentication due to: Unexpected handshake request with client mechanism PLAIN");
    private static Pipeline run;

    @BeforeAll
    static void startStack() {
        run = Pipeline.builder("hostileSecurity").workers(1).apiToken(TOKEN).start();
    }

    @AfterAll
    static void stopStack() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void apisRefuseRequestsWithoutTheTokenAndServeThemWithItWhileHealthStaysOpen() {
        String producer = run.stack().producerUrl();
        String sink = run.stack().sinkUrl();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("http://127.0.0.1/\n");
        assertThat(status(post(producer + "/api/jobs", null, body))).as("producer, no token").isEqualTo(401);
        assertThat(status(post(producer + "/api/jobs", "wrong-" + TOKEN, body))).as("producer, wrong token").isEqualTo(401);
        assertThat(status(get(producer + "/api/jobs/any", null))).as("producer GET, no token").isEqualTo(401);
        for (String path : List.of("/api/jobs", "/api/results", "/api/summary", "/api/results/lookup?url=x")) {
            assertThat(status(get(sink + path, null))).as("sink " + path + ", no token").isEqualTo(401);
            assertThat(status(get(sink + path, "Bearer wrong"))).as("sink " + path + ", wrong token").isEqualTo(401);
        }
        for (String base : List.of(producer, sink, run.stack().workers().get(0).baseUrl())) {
            for (String open : List.of("/q/health/live", "/q/health/ready", "/q/metrics")) {
                assertThat(status(get(base + open, null))).as(base + open + " without a token").isEqualTo(200);
            }
        }

        List<String> urls = run.fleet().delayedUrls("token", 20, 10);
        Submission submission = run.submit("hostile-token", urls);
        assertThat(submission.accepted()).isEqualTo(20);
        assertThat(run.assertAccounted("hostile-token", urls).holds()).isTrue();
        assertThat(status(get(sink + "/api/jobs/hostile-token", "Bearer " + TOKEN))).isEqualTo(200);
    }

    @Test
    void kafkaSaslClientPropertiesReachEveryKafkaClientOfEveryService() throws IOException {
        Path logDir = run.stack().logDir();
        Path sinkDir = Files.createTempDirectory("urlcheck-sasl-sink");
        Map<String, String> sasl = new LinkedHashMap<>();
        sasl.put("kafka.bootstrap.servers", run.stack().bootstrapServers());
        sasl.put("kafka.security.protocol", "SASL_PLAINTEXT");
        sasl.put("kafka.sasl.mechanism", "PLAIN");
        sasl.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"urlcheck\" password=\"" + SASL_PASSWORD + "\";");
        sasl.put("urlcheck.api.token", TOKEN);
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        services.put("producer-service", Map.of());
        services.put("worker-service", Map.of("urlcheck.worker.allow-cidrs", "127.0.0.0/8"));
        services.put("sink-service", Map.of("urlcheck.sink.store", "json", "urlcheck.sink.json.dir", sinkDir.toString()));
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (var e : services.entrySet()) {
                Map<String, String> props = new LinkedHashMap<>(sasl);
                props.putAll(e.getValue());
                String name = "sasl-" + e.getKey().replace("-service", "");
                started.add(new ServiceProcess(Pipeline.home(), e.getKey(), name, Ports.free(), props, "256m", logDir).start());
            }
            // The broker's listener is PLAINTEXT, so a client that really speaks SASL/PLAIN is refused in the
            // SASL handshake, and says so with its client id: the proof that the properties reached it.
            Map<String, Integer> minimumClients = Map.of("sasl-producer", 1, "sasl-worker", 2, "sasl-sink", 2);
            for (ServiceProcess service : started) {
                await(service.name() + " clients attempt SASL/PLAIN").atMost(Duration.ofSeconds(90))
                        .until(() -> clientIds(log(service), SASL_REFUSED).size() >= minimumClients.get(service.name()));
                String log = log(service);
                var all = clientIds(log, Pattern.compile("\\[(?:Consumer|Producer|AdminClient) clientId="));
                var refused = clientIds(log, SASL_REFUSED);
                System.out.println("HOSTILE sasl " + service.name() + " kafkaClients=" + all + " saslPlain=" + refused);
                assertThat(refused).as(service.name() + ": every Kafka client speaks SASL/PLAIN").isEqualTo(all);
                assertThat(log).as(service.name()).doesNotContain(SASL_PASSWORD);
            }
        } finally {
            started.forEach(ServiceProcess::kill);
        }
    }

    @Test
    void logsNeverPrintTheTokenTheSaslPasswordOrARequestBody() throws IOException {
        String marker = "body-marker-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(run.fleet().url(i % run.fleet().size(), "/status/" + (i % 2 == 0 ? 200 : 404) + "?" + marker + "=" + i));
        }
        lines.add("not a url " + marker + " password=hunter2");
        run.submit("hostile-logs", lines);
        run.awaitDone("hostile-logs", lines.size());
        // Refused (401) once the API guard is on; either way its body must not reach a log.
        status(post(run.stack().producerUrl() + "/api/jobs?jobId=hostile-logs-refused", "Bearer wrong-" + TOKEN,
                HttpRequest.BodyPublishers.ofString(String.join("\n", lines))));

        try (Stream<Path> files = Files.list(run.stack().logDir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<String> logLines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                String all = String.join("\n", logLines);
                assertThat(all).as(file + " prints the API token").doesNotContain(TOKEN);
                assertThat(all).as(file + " prints the SASL password").doesNotContain(SASL_PASSWORD);
                assertThat(logLines).as(file + " prints a request body (two of its lines in one log line)")
                        .noneMatch(l -> count(Pattern.compile(Pattern.quote(marker)), l) >= 2);
                long single = logLines.stream().filter(l -> l.contains(marker)).count();
                System.out.println("HOSTILE logs " + file.getFileName() + " linesWithOneBodyLine=" + single);
            }
        }
    }

    /** The client ids of log lines that also match {@code marker}. */
    private static Set<String> clientIds(String log, Pattern marker) {
        Pattern id = Pattern.compile("clientId=([^,\\]]+)");
        Set<String> ids = new TreeSet<>();
        for (String line : log.split("\n")) {
            if (marker.matcher(line).find()) {
                Matcher m = id.matcher(line);
                if (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    private static String log(ServiceProcess service) throws IOException {
        return Files.readString(service.process().logFile(), StandardCharsets.ISO_8859_1);
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static HttpRequest get(String url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        return authorize(b, authorization).build();
    }

    private static HttpRequest post(String url, String authorization, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain").POST(body);
        return authorize(b, authorization).build();
    }

    private static HttpRequest.Builder authorize(HttpRequest.Builder b, String authorization) {
        if (authorization != null) {
            b.header("Authorization", authorization.startsWith("Bearer ") ? authorization : "Bearer " + authorization);
        }
        return b;
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
