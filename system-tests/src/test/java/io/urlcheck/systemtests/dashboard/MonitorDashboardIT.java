package io.urlcheck.systemtests.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CheckResultSerializer;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.testkit.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's monitors view in a real browser: a real broker, the packaged sink as a process, a monitor on
 * {@code urlcheck.monitors} and its runs' results on {@code urlcheck.results} ({@link MonitorSeed}), and Debian's
 * chromium driven by {@code src/test/browser/monitor-shot.mjs}: the timeline and the events the sink raised, no
 * console error, nothing wider than a 390 px phone, and a URL's history within the monitor.
 */
class MonitorDashboardIT {

    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration SINK_STARTUP = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final CheckResultSerializer serializer = new CheckResultSerializer();

    @Test
    void monitorsViewShowsEachRunUpAndDownWithTheEventsTheSinkRaised(@TempDir Path store) throws Exception {
        Path repo = DashboardIT.repositoryRoot();
        Path target = repo.resolve("system-tests/target");
        BrowserRun.prepare(repo);
        MonitorSeed seed = MonitorSeed.create("it-site-" + UUID.randomUUID().toString().substring(0, 8), Instant.now());

        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic(Topics.MONITORS, 1);
            broker.createTopic(Topics.EVENTS, 1);
            try (ServiceProcess sink = new ServiceProcess(repo, "sink-service", "monitor-dashboard-sink", Ports.free(), Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "urlcheck.sink.store", "json",
                    "urlcheck.sink.json.dir", store.toString()), "384m", target)
                    .start().awaitReady(SINK_STARTUP)) {
                broker.send(Topics.MONITORS, seed.monitor().name(), JsonCodec.encode(seed.monitor()));
                await("the sink knows the monitor").atMost(Duration.ofSeconds(90))
                        .until(() -> names(get(sink, "/api/monitors")).contains(seed.monitor().name()));
                for (CheckResult result : seed.results()) {
                    broker.send(Topics.RESULTS, result.url(), serializer.serialize(Topics.RESULTS, result));
                }
                String events = "/api/events?monitor=" + seed.monitor().name();
                await("the sink judged every run").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(get(sink, "/api/monitors/" + seed.monitor().name() + "/runs?limit=50")).hasSize(MonitorSeed.RUNS);
                    assertThat(types(get(sink, events).get("items"))).isEqualTo(MonitorSeed.EVENTS);
                });

                Path screenshot = target.resolve("monitor-timeline.png");
                Files.deleteIfExists(screenshot);
                BrowserRun.Outcome run = BrowserRun.node(repo, "monitor-shot.mjs", Map.of(
                        "SINK_URL", sink.baseUrl(),
                        "MONITOR", seed.monitor().name(),
                        "MIN_RUNS", Integer.toString(MonitorSeed.RUNS),
                        "SCREENSHOT", screenshot.toString(),
                        "PHONE_SCREENSHOT", target.resolve("monitor-history-phone.png").toString()),
                        BROWSER_TIMEOUT, line -> { });

                assertThat(run.exitCode())
                        .as("the browser checks failed:\n%s\n--- sink log ---\n%s", run.output(), sink.process().logTail(40))
                        .isZero();
                assertThat(run.output())
                        .contains("16 runs shown, newest on the right; the last: 4 up, 1 down of 5.")
                        .contains("strip: 16 runs, 9 with a URL down, 3 marked with an event")
                        .contains("events: BROKEN RECOVERED BROKEN")
                        .contains("history: 16 checks, 3 down");
                assertThat(screenshot).isNotEmptyFile();
            }
        }
    }

    private static List<String> names(JsonNode monitors) {
        List<String> names = new ArrayList<>();
        monitors.forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static JsonNode get(ServiceProcess sink, String path) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sink.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return JsonCodec.mapper().readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during GET " + path, e);
        }
    }
}
