package io.urlcheck.sink.it;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.store.json.JsonResultStore;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sink, with the JVM options deploy/base/sink.yaml gives it and a 64 MB heap, over a JSON
 * store whose {@code results.jsonl} is four times that heap (written here directly in the store's format).
 * It must start, answer queries and never die of OutOfMemoryError: a log of repeated checks fits (history
 * stays on disk), a log of unique URLs fills the index's heap budget, and then the sink says so (readiness,
 * metric) and leaves new results unacknowledged in Kafka rather than dropping them.
 */
class JsonStoreHeapBoundIT {

    private static final String HEAP = "-Xmx64m";
    private static final long LOG_BYTES = 256L << 20;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TITLE = "A page title long enough to make each line the size of a real result, ".repeat(4);
    private static final Pattern FULL_GAUGE = Pattern.compile("(?m)^urlcheck_sink_json_full\\S* ([0-9.E]+)$");

    private final KafkaBroker broker = KafkaBrokerResource.broker();
    private Path dir;

    @BeforeEach
    void newStoreDir() throws IOException {
        Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(Path.of("target"), "heap-bound-");
    }

    @AfterEach
    void deleteStoreDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aLogOfRepeatedChecksFourTimesTheHeapIsServedWholeWithItsHistoryFromDisk() throws Exception {
        String job = TestResults.unique("repeat");
        int urls = 4_000;
        long lines = writeLog(job, i -> "http://repeat.test/" + job + "/" + (i % urls));
        long checksPerUrl = lines / urls;
        Topics topics = Topics.fresh();

        try (SinkProcess sink = start(topics, log(job), s -> s.status("/q/health/ready") == 200)) {
            assertThat(sink.get("/api/jobs/" + job)).contains("\"checked\":" + urls);
            assertThat(sink.get("/api/summary?jobId=" + job)).contains("\"total\":" + urls);
            String url = "http://repeat.test/" + job + "/7";
            assertThat((long) historyLength(sink.get("/api/results/lookup?url=" + enc(url)))).isGreaterThanOrEqualTo(checksPerUrl);
            assertThat(sink.get("/api/results?jobId=" + job + "&limit=1000")).contains("\"nextCursor\":\"");
            assertThat(gauge(sink)).isZero();

            CheckResult fresh = TestResults.ok(job, url, 5, Instant.now());
            broker.send(topics.results, fresh.url(), JsonCodec.encode(fresh));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(sink.get("/api/results/lookup?url=" + enc(url))).contains("\"checkId\":\"" + fresh.checkId() + "\""));
            assertThat(sink.isAlive()).isTrue();
        }
        assertThat(Files.readString(log(job))).doesNotContain("OutOfMemoryError");
    }

    @Test
    void aLogOfUniqueUrlsFourTimesTheHeapStartsFullServesQueriesAndLeavesNewResultsInKafka() throws Exception {
        String job = TestResults.unique("unique");
        writeLog(job, i -> "http://unique.test/" + job + "/" + i);
        long logSize = Files.size(dir.resolve(JsonResultStore.RESULTS_LOG));
        Topics topics = Topics.fresh();

        try (SinkProcess sink = start(topics, log(job), s -> s.status("/q/health/started") == 200)) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(sink.body("/q/health/ready"))
                    .contains("\"status\": \"DOWN\"").contains("JSON store full"));
            assertThat(gauge(sink)).isEqualTo(1.0);
            assertThat(sink.get("/api/results?limit=10")).contains("http://unique.test/" + job + "/");
            assertThat(sink.get("/api/summary")).contains("\"total\":");
            assertThat(sink.get("/api/results/lookup?url=" + enc("http://unique.test/" + job + "/0"))).contains("\"latest\"");

            CheckResult fresh = TestResults.ok(job, "http://unique.test/" + job + "/new", 5, Instant.now());
            broker.send(topics.results, fresh.url(), JsonCodec.encode(fresh));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sink.body("/q/health/ready"))
                    .contains("\"name\": \"sink-store\"").contains("\"failure\": \"JSON store full"));
            assertThat(sink.status("/api/results/lookup?url=" + enc(fresh.url()))).isEqualTo(404);
            assertThat(committed(topics)).as("the refused result's offset is not committed").isZero();
            assertThat(Files.size(dir.resolve(JsonResultStore.RESULTS_LOG))).isEqualTo(logSize);
            assertThat(sink.isAlive()).isTrue();
        }
        assertThat(Files.readString(log(job))).doesNotContain("OutOfMemoryError");
    }

    /** Writes results.jsonl (about {@link #LOG_BYTES}) and jobs.jsonl in the store's format; returns how many checks. */
    private long writeLog(String job, java.util.function.LongFunction<String> urlOf) throws IOException {
        long n = 0;
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(JsonResultStore.RESULTS_LOG)), 1 << 20)) {
            while (written < LOG_BYTES) {
                String url = urlOf.apply(n);
                CheckResult r = CheckResult.builder().jobId(job).input(url).url(url).outcome(n % 10 == 0 ? Outcome.HTTP_ERROR : Outcome.OK)
                        .statusCode(n % 10 == 0 ? 503 : 200).responseTimeMs(n % 1_000).title(TITLE + n).attempts(1)
                        .checkedAt(T0.plusMillis(n)).workerId("w1").build();
                byte[] line = JsonCodec.encode(r);
                out.write(line);
                out.write('\n');
                written += line.length + 1;
                n++;
            }
        }
        JobTotals totals = TestResults.totals(job, n, 0, true, T0);
        Files.write(dir.resolve(JsonResultStore.JOBS_LOG), (JsonCodec.encodeToString(totals) + "\n").getBytes(StandardCharsets.UTF_8));
        return n;
    }

    private SinkProcess start(Topics topics, Path log, java.util.function.Predicate<SinkProcess> started) throws IOException {
        List<String> jvm = new ArrayList<>(deployJavaOptions());
        jvm.add(HEAP);
        Map<String, String> props = new HashMap<>();
        props.put("urlcheck.sink.store", "json");
        props.put("urlcheck.sink.json.dir", dir.toString());
        props.put("kafka.bootstrap.servers", broker.bootstrapServers());
        props.put("mp.messaging.incoming.results.topic", topics.results);
        props.put("mp.messaging.incoming.jobs.topic", topics.jobs);
        props.put("mp.messaging.incoming.results.group.id", topics.group);
        props.put("mp.messaging.incoming.jobs.group.id", topics.group);
        return SinkProcess.start(jvm, props, log, started);
    }

    /** The JVM options the deployment gives the sink (JAVA_OPTS_APPEND in deploy/base/sink.yaml). */
    private static List<String> deployJavaOptions() throws IOException {
        String yaml = Files.readString(Path.of("..", "deploy", "base", "sink.yaml"));
        Matcher m = Pattern.compile("name: JAVA_OPTS_APPEND\\s+value: (.+)").matcher(yaml);
        assertThat(m.find()).as("JAVA_OPTS_APPEND in deploy/base/sink.yaml").isTrue();
        List<String> options = Arrays.asList(m.group(1).trim().split("\\s+"));
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        return options;
    }

    private long committed(Topics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(topics.group).partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata o = offsets.get(new TopicPartition(topics.results, 0));
            return o == null ? 0 : o.offset();
        }
    }

    private static double gauge(SinkProcess sink) {
        Matcher m = FULL_GAUGE.matcher(sink.get("/q/metrics"));
        assertThat(m.find()).as("urlcheck_sink_json_full in /q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static int historyLength(String lookup) {
        return lookup.split("\"checkId\"", -1).length - 2; // every check of the history, less the latest
    }

    private Path log(String job) {
        return Path.of("target", "sink-heap-" + job + ".log");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A test's own topics and group, so that nothing another test published reaches its sink. */
    private record Topics(String results, String jobs, String group) {
        static Topics fresh() {
            String id = TestResults.unique("heap");
            KafkaBroker broker = KafkaBrokerResource.broker();
            Topics t = new Topics("results-" + id, "jobs-" + id, "sink-" + id);
            broker.createTopic(t.results, 1);
            broker.createTopic(t.jobs, 1);
            return t;
        }
    }
}
