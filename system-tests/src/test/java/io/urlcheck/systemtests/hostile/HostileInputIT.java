package io.urlcheck.systemtests.hostile;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.systemtests.chaos.Pipeline;
import io.urlcheck.testkit.TargetResponse;
import io.urlcheck.testkit.TargetServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input end to end, through the packaged services: garbage written to {@code urlcheck.intake}
 * by a plain Kafka client, one host that is slow for a thousand URLs, and redirects into blocked
 * ranges. One stack serves every test; each uses its own job ids, record keys and URLs.
 */
class HostileInputIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Pipeline run;

    @BeforeAll
    static void startStack() {
        run = Pipeline.builder("hostileInput").workers(1).start();
    }

    @AfterAll
    static void stopStack() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void garbageOnTheIntakeTopicEndsAsDeadLettersWithReasonsOrInvalidResults() throws Exception {
        byte[] random = new byte[512];
        new Random(9).nextBytes(random);
        Map<String, byte[]> garbage = new LinkedHashMap<>();
        garbage.put("hostile-random", random);
        garbage.put("hostile-utf8", new byte[]{'h', 't', 't', 'p', ':', '/', '/', (byte) 0xC3, (byte) 0x28});
        garbage.put("hostile-empty", new byte[0]);
        garbage.put("hostile-over-64k", "h".repeat(900 * 1024).getBytes(StandardCharsets.UTF_8));
        garbage.put("hostile-array", "[\"http://x.example/\"]".getBytes(StandardCharsets.UTF_8));
        garbage.put("hostile-no-url", "{\"link\": \"http://x.example/\"}".getBytes(StandardCharsets.UTF_8));
        garbage.put("hostile-url-number", "{\"url\": 42}".getBytes(StandardCharsets.UTF_8));
        garbage.put("hostile-unclosed", "{\"url\": \"http://x.example/".getBytes(StandardCharsets.UTF_8));
        garbage.put("hostile-bad-job", "{\"url\": \"http://x.example/\", \"jobId\": \"no spaces!\"}".getBytes(StandardCharsets.UTF_8));
        String invalidJob = "hostile-intake-invalid";
        garbage.put("hostile-js", ("{\"url\": \"javascript:alert(1)\", \"jobId\": \"" + invalidJob + "\"}").getBytes(StandardCharsets.UTF_8));
        garbage.put("hostile-nul", ("{\"url\": \"http://x.example/\\u0000\", \"jobId\": \"" + invalidJob + "\"}").getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> kafka = producer(Map.of())) {
            for (var e : garbage.entrySet()) {
                kafka.send(new ProducerRecord<>(Topics.INTAKE, e.getKey(), e.getValue())).get(30, TimeUnit.SECONDS);
            }
        }
        List<String> deadKeys = List.of("hostile-utf8", "hostile-empty", "hostile-over-64k",
                "hostile-no-url", "hostile-url-number", "hostile-unclosed", "hostile-bad-job");

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(run.stack().bootstrapServers(), Topics.DEAD_LETTER,
                records -> keys(records).containsAll(deadKeys) && keys(records).contains("hostile-random"), PATIENCE);
        Map<String, String> reasons = dead.stream().filter(r -> r.key() != null && r.key().startsWith("hostile-"))
                .collect(Collectors.toMap(ConsumerRecord::key, r -> TopicReader.header(r, Topics.HEADER_DLQ_REASON), (a, b) -> a));
        System.out.println("HOSTILE intake dead-letter reasons: " + reasons);
        assertThat(reasons).containsKeys(deadKeys.toArray(String[]::new));
        assertThat(reasons).allSatisfy((key, reason) -> assertThat(reason).as(key).isNotBlank());
        assertThat(reasons.get("hostile-utf8")).contains("UTF-8");
        assertThat(reasons.get("hostile-empty")).contains("empty");
        assertThat(reasons.get("hostile-over-64k")).contains("exceeds");
        assertThat(reasons.get("hostile-bad-job")).contains("jobId");
        assertThat(reasons).as("random bytes are not UTF-8").containsKey("hostile-random");

        JobStatus invalid = await("the invalid URLs' job").atMost(PATIENCE)
                .until(() -> run.job(invalidJob).orElse(null), j -> j != null && j.checked() >= 2);
        assertThat(invalid.outcomes()).containsEntry(Outcome.INVALID_URL.name(), 2L);
        assertThat(lookup("javascript:alert(1)").outcome()).isEqualTo(Outcome.INVALID_URL);
        // Not starting with '{', a JSON array is taken as the URL text itself (IntakeDecoder), and refused as one.
        String array = "[\"http://x.example/\"]";
        CheckResult arrayResult = await("the array's result").atMost(PATIENCE).until(() -> lookupOrNull(array), r -> r != null);
        assertThat(arrayResult.outcome()).isEqualTo(Outcome.INVALID_URL);
        assertThat(arrayResult.jobId()).startsWith("intake-");

        assertThat(run.stack().producer().process().isAlive()).isTrue();
        assertThat(Pipeline.probe(run.stack().producerUrl() + "/q/health/ready")).isEqualTo(200);
        String after = run.fleet().url(0, "/title/after-garbage");
        try (KafkaProducer<String, byte[]> kafka = producer(Map.of())) {
            kafka.send(new ProducerRecord<>(Topics.INTAKE, "hostile-after", ("{\"url\": \"" + after
                    + "\", \"jobId\": \"hostile-intake-after\"}").getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
        await("a good record after the garbage is checked").atMost(PATIENCE)
                .until(() -> run.job("hostile-intake-after").filter(j -> j.checked() >= 1).isPresent());
        assertThat(lookup(after).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void aTenMegabyteIntakeRecordIsRefusedByTheBrokerAtItsDefaultLimit() {
        byte[] tenMb = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMb, (byte) 'a');
        try (KafkaProducer<String, byte[]> kafka = producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024))) {
            assertThatThrownBy(() -> kafka.send(new ProducerRecord<>(Topics.INTAKE, "hostile-10mb", tenMb)).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
        assertThat(Pipeline.probe(run.stack().producerUrl() + "/q/health/ready")).isEqualTo(200);
    }

    @Test
    void aThousandUrlsToOneSlowHostDoNotHoldBackTheOtherHosts() {
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            slow.add(run.fleet().url(0, "/delay/3000?slow=" + i));
        }
        List<String> fast = new ArrayList<>();
        for (int i = 0; i < 140; i++) {
            fast.add(run.fleet().url(1 + i % (run.fleet().size() - 1), "/delay/50?fast=" + i));
        }
        run.submit("hostile-slow-host", slow);
        long t0 = System.nanoTime();
        run.submit("hostile-fast-hosts", fast);
        JobStatus fastDone = run.awaitDone("hostile-fast-hosts", fast.size());
        Duration fastTook = Duration.ofNanos(System.nanoTime() - t0);
        JobStatus slowNow = run.job("hostile-slow-host").orElseThrow();
        System.out.printf("HOSTILE slowHost fastUrls=%d fastSeconds=%.1f fastOk=%d slowCheckedMeanwhile=%d of %d%n",
                fast.size(), fastTook.toMillis() / 1000.0, fastDone.outcomes().getOrDefault("OK", 0L),
                slowNow.checked(), slow.size());
        assertThat(fastDone.outcomes()).containsEntry("OK", (long) fast.size());
        assertThat(slowNow.checked()).as("the slow host is still far behind").isLessThan(slow.size() / 2);
        assertThat(fastTook).as("the other hosts kept their rate").isLessThan(Duration.ofSeconds(45));
    }

    @Test
    void aServerThatEndsItsLinesWithABareLineFeedIsReadAsBrowsersAndCurlReadIt() throws Exception {
        byte[] page = "<title>Old box</title>".getBytes(StandardCharsets.US_ASCII);
        byte[] answer = ("HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: " + page.length + "\nConnection: close\n\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread serving = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        socket.getInputStream().read(new byte[8192]); // the request; its content does not matter
                        socket.getOutputStream().write(answer);
                        socket.getOutputStream().write(page);
                    } catch (IOException e) {
                        return; // closed at the end of the test
                    }
                }
            }, "bare-lf-server");
            serving.setDaemon(true);
            serving.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/bare-lf";

            run.submit("hostile-bare-lf", List.of(url));
            run.awaitDone("hostile-bare-lf", 1);

            CheckResult r = lookup(url);
            assertThat(r.outcome()).as(r.error()).isEqualTo(Outcome.OK);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.title()).isEqualTo("Old box");
        }
    }

    @Test
    void redirectsIntoBlockedRangesEndAsBlocked() {
        TargetServer server = run.fleet().server(2);
        server.stub("/to-metadata", TargetResponse.redirect(302, "http://169.254.169.254/latest/meta-data/"));
        server.stub("/to-private", TargetResponse.redirect(301, "http://10.11.12.13/admin"));
        server.stub("/to-decimal-private", TargetResponse.redirect(302, "http://167772161/"));
        server.stub("/to-allowed", TargetResponse.redirect(302, "/title/allowed"));
        List<String> urls = List.of(run.fleet().url(2, "/to-metadata"), run.fleet().url(2, "/to-private"),
                run.fleet().url(2, "/to-decimal-private"), run.fleet().url(2, "/to-allowed"));
        run.submit("hostile-blocked-redirects", urls);
        run.awaitDone("hostile-blocked-redirects", urls.size());

        for (String url : urls.subList(0, 3)) {
            CheckResult r = lookup(url);
            System.out.println("HOSTILE blockedRedirect " + url + " -> " + r.outcome() + ": " + r.error());
            assertThat(r.outcome()).as(url).isEqualTo(Outcome.BLOCKED);
            assertThat(r.error()).as(url).isNotBlank();
        }
        assertThat(lookup(urls.get(3)).outcome()).isEqualTo(Outcome.OK);
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).filter(k -> k != null).toList();
    }

    private static CheckResult lookupOrNull(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(run.stack().sinkUrl()
                + "/api/results/lookup?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 404 ? null : lookup(url);
    }

    private static CheckResult lookup(String url) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(run.stack().sinkUrl()
                    + "/api/results/lookup?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("lookup " + url).isEqualTo(200);
            return JsonCodec.decode(response.body(), Lookup.class).latest();
        } catch (IOException e) {
            throw new AssertionError("lookup of " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The body of the sink's {@code GET /api/results/lookup}. */
    record Lookup(CheckResult latest, List<CheckResult> history) {
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.stack().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }
}
