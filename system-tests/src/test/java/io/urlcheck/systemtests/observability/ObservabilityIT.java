package io.urlcheck.systemtests.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LogIds;
import io.urlcheck.systemtests.chaos.Pipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged services with deploy/'s logging settings (deploy/base/config/*.properties, JSON lines): a
 * check's line in the worker's log and its stored-result line in the sink's carry the job's, the request's
 * and the check's ids as JSON, and each service's {@code /q/metrics} has the metric catalogue's names with
 * values that add up after a job. One stack for the class; each test submits its own job and compares
 * scrapes taken before and after it, so the tests do not depend on each other or on their order.
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The console's plain-text format: a line in it means JSON logging was off. */
    private static final Pattern TEXT_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} ");
    /** The per-check and per-stored-result lines are DEBUG: one line per URL is too many by default. */
    private static final String WORKER_CHECK_LINES = "quarkus.log.category.\"io.urlcheck.worker.messaging.RequestProcessor\".level";
    private static final String SINK_RESULT_LINES = "quarkus.log.category.\"io.urlcheck.sink.messaging.ResultWriter\".level";

    private static Pipeline run;

    @BeforeAll
    static void start() {
        Pipeline.Builder builder = Pipeline.builder("observability");
        deployLogging("producer").forEach(builder::producer);
        deployLogging("worker").forEach(builder::worker);
        deployLogging("sink").forEach(builder::sink);
        run = builder.worker(WORKER_CHECK_LINES, "DEBUG").sink(SINK_RESULT_LINES, "DEBUG").start();
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void checkAndStoredResultLinesCarryTheJobsRequestAndCheckIds() {
        String job = "obs-ids";
        String url = run.fleet().url(0, "/status/200?obs=ids");
        run.submit(job, List.of(url));
        run.awaitDone(job, 1);
        CheckResult result = latest(job).get(0);
        assertThat(result.requestId()).isNotBlank();

        await("the worker's line about the check").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(lineAbout(log("worker-1"), result)).as("worker line with checkId " + result.checkId())
                        .hasValueSatisfying(line -> assertThat(line.path("message").asText()).contains("checked " + url)));
        await("the sink's stored-result line").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(lineAbout(log("sink"), result)).as("sink line with checkId " + result.checkId())
                        .hasValueSatisfying(line -> assertThat(line.path("message").asText()).contains("stored result OK of " + url)));
        for (String service : List.of("producer", "worker-1", "sink")) {
            assertThat(log(service)).as(service + " logs JSON, not text, with deploy/'s settings")
                    .noneMatch(line -> TEXT_LINE.matcher(line).find());
        }
        JsonNode submitted = json(log("producer")).stream()
                .filter(line -> line.path("message").asText().startsWith("job " + job + " submitted")).findFirst().orElseThrow();
        assertThat(submitted.path("mdc").path(LogIds.JOB_ID).asText()).isEqualTo(job);
    }

    @Test
    void producerCountsEveryInputByFateAndSource() {
        Scrape before = Scrape.of(run.stack().producerUrl());
        List<String> lines = List.of(run.fleet().url(0, "/status/200?obs=p1"), run.fleet().url(0, "/status/200?obs=p2"),
                run.fleet().url(0, "/status/200?obs=p1"), "ftp://example.com/", "no scheme here", "# a comment");
        run.submit("obs-producer", lines);
        Scrape after = Scrape.of(run.stack().producerUrl());
        run.awaitDone("obs-producer", 4); // so that its results do not land in another test's sink counts

        Map<String, String> file = Map.of("source", "file");
        assertThat(delta(before, after, "urlcheck_producer_lines_total", file)).isEqualTo(6);
        assertThat(delta(before, after, "urlcheck_producer_accepted_total", file)).isEqualTo(2);
        assertThat(delta(before, after, "urlcheck_producer_duplicates_total", file)).isEqualTo(1);
        assertThat(delta(before, after, "urlcheck_producer_rejected_total", Map.of("source", "file", "reason", "unsupported_scheme")))
                .isEqualTo(1);
        assertThat(delta(before, after, "urlcheck_producer_rejected_total", Map.of("source", "file", "reason", "no_scheme")))
                .isEqualTo(1);
        assertThat(delta(before, after, "urlcheck_producer_publish_duration_seconds_count", Map.of()))
                .as("2 requests and 2 rejected results, each acknowledged").isGreaterThanOrEqualTo(4);
        assertThat(after.names()).contains("urlcheck_producer_publish_duration_seconds_bucket",
                "urlcheck_producer_publish_duration_seconds_sum", "urlcheck_producer_publish_duration_seconds_max",
                "urlcheck_producer_dead_letters_total");
        assertThat(after.series("urlcheck_producer_lines_total")).extracting(s -> s.labels().get("source"))
                .containsExactlyInAnyOrder("file", "rest", "intake", "monitor");
        assertLagPerPartition(run.stack().producerUrl(), "urlcheck.intake");
    }

    @Test
    void workerCountsChecksByOutcomeRetriesAndItsBound() {
        Scrape before = Scrape.of(workerUrl());
        List<String> urls = List.of(run.fleet().url(1, "/status/200?obs=w"), run.fleet().url(1, "/status/404?obs=w"),
                run.fleet().url(1, "/status/503?obs=w"));
        run.submit("obs-worker", urls);
        run.awaitDone("obs-worker", urls.size());

        await("the worker's counters").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape after = Scrape.of(workerUrl());
            assertThat(delta(before, after, "urlcheck_worker_checks_total", Map.of("outcome", "OK"))).isEqualTo(1);
            assertThat(delta(before, after, "urlcheck_worker_checks_total", Map.of("outcome", "HTTP_ERROR"))).isEqualTo(2);
            assertThat(delta(before, after, "urlcheck_worker_retries_total", Map.of("outcome", "HTTP_ERROR")))
                    .as("the 503 retried (max-retries 2)").isEqualTo(2);
            assertThat(delta(before, after, "urlcheck_worker_check_duration_seconds_count", Map.of())).isEqualTo(3);
        });
        Scrape after = Scrape.of(workerUrl());
        assertThat(after.sum("urlcheck_worker_in_flight_limit")).as("urlcheck.worker.max-in-flight's default").isEqualTo(256);
        assertThat(after.names()).contains("urlcheck_worker_in_flight", "urlcheck_worker_queued", "urlcheck_worker_pending",
                "urlcheck_worker_hosts_active", "urlcheck_worker_host_queue_depth_max", "urlcheck_worker_dead_letters_total",
                "urlcheck_worker_check_duration_seconds_bucket");
        assertLagPerPartition(workerUrl(), "urlcheck.requests");
    }

    @Test
    void sinkCountsStoredResultsTimesWritesAndSummaries() {
        Scrape before = Scrape.of(run.stack().sinkUrl());
        List<String> lines = List.of(run.fleet().url(2, "/status/200?obs=s1"), run.fleet().url(2, "/status/200?obs=s2"),
                "ftp://example.com/sink");
        run.submit("obs-sink", lines);
        run.awaitDone("obs-sink", lines.size());
        run.sink().summary("obs-sink");

        await("the sink's counters").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape after = Scrape.of(run.stack().sinkUrl());
            assertThat(delta(before, after, "urlcheck_sink_results_stored_total", Map.of())).isEqualTo(3);
            assertThat(delta(before, after, "urlcheck_sink_store_batch_size_sum", Map.of())).isGreaterThanOrEqualTo(3);
            assertThat(delta(before, after, "urlcheck_sink_store_write_duration_seconds_count", Map.of()))
                    .isBetween(1.0, 3.0);
            assertThat(delta(before, after, "urlcheck_sink_summary_duration_seconds_count", Map.of())).isEqualTo(1);
        });
        Scrape after = Scrape.of(run.stack().sinkUrl());
        assertThat(after.sum("urlcheck_sink_store_errors_total", Map.of("kind", "transient"))).isZero();
        assertThat(after.sum("urlcheck_sink_store_errors_total", Map.of("kind", "data"))).isZero();
        assertThat(after.names()).contains("urlcheck_sink_dead_letters_total", "urlcheck_sink_store_batch_size_bucket",
                "urlcheck_sink_store_write_duration_seconds_bucket", "urlcheck_sink_summary_duration_seconds_bucket");
        assertLagPerPartition(run.stack().sinkUrl(), "urlcheck.results");
        assertLagPerPartition(run.stack().sinkUrl(), "urlcheck.jobs");
    }

    /**
     * Consumer lag as the Kafka client reports it: one series per partition, under the topic's real name.
     * Micrometer's Kafka binder looks for new client metrics once a minute, so a partition's series may
     * appear up to a minute after it was assigned.
     */
    private static void assertLagPerPartition(String baseUrl, String topic) {
        await("lag of " + topic).atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<Scrape.Sample> lag = Scrape.of(baseUrl).series("kafka_consumer_fetch_manager_records_lag").stream()
                    .filter(s -> topic.equals(s.labels().get("topic"))).toList();
            assertThat(lag).as("kafka_consumer_fetch_manager_records_lag{topic=" + topic + "}").isNotEmpty()
                    .allSatisfy(s -> assertThat(s.labels()).containsKeys("partition", "client_id"));
        });
    }

    private static String workerUrl() {
        return run.stack().workers().get(0).baseUrl();
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** The logging lines of deploy/base/config/{service}.properties, as deploy/ passes them to the pod. */
    private static Map<String, String> deployLogging(String service) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Pipeline.home().resolve("deploy/base/config/" + service + ".properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> logging = new TreeMap<>();
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("quarkus.log."))
                .forEach(k -> logging.put(k, properties.getProperty(k)));
        assertThat(logging).as("deploy's logging settings for " + service).containsEntry("quarkus.log.console.json.enabled", "true");
        return logging;
    }

    private static List<CheckResult> latest(String jobId) {
        List<CheckResult> results = new ArrayList<>();
        try (InputStream in = run.sink().export(Map.of("jobId", jobId), "jsonl");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    results.add(JsonCodec.decode(line.getBytes(StandardCharsets.UTF_8), CheckResult.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    private static List<String> log(String process) {
        Path file = run.stack().logDir().resolve(process + ".log");
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> json(List<String> lines) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                try {
                    nodes.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("a log line that is not JSON: " + line, e);
                }
            }
        }
        return nodes;
    }

    /** The JSON line whose MDC names {@code result}'s check, after checking its job and request ids. */
    private static Optional<JsonNode> lineAbout(List<String> log, CheckResult result) {
        Optional<JsonNode> line = json(log).stream()
                .filter(n -> result.checkId().equals(n.path("mdc").path(LogIds.CHECK_ID).asText())).findFirst();
        line.ifPresent(n -> {
            assertThat(n.path("mdc").path(LogIds.JOB_ID).asText()).isEqualTo(result.jobId());
            assertThat(n.path("mdc").path(LogIds.REQUEST_ID).asText()).isEqualTo(result.requestId());
        });
        return line;
    }
}
