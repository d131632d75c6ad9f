package io.urlcheck.systemtests.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CheckResultSerializer;
import io.urlcheck.contract.kafka.JobTotalsSerializer;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink's dashboard in a real browser: a real broker, the packaged sink as a process, a known job
 * published through Kafka, and Debian's chromium driven by {@code src/test/browser/dashboard-check.mjs}.
 */
class DashboardIT {

    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration SINK_STARTUP = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final CheckResultSerializer results = new CheckResultSerializer();
    private final JobTotalsSerializer totals = new JobTotalsSerializer();

    @Test
    void dashboardFollowsAJobToCompletionFiltersTimeoutsAndShowsTheRedirectChain(@TempDir Path store) throws Exception {
        Path repo = repositoryRoot();
        Path target = repo.resolve("system-tests/target");
        BrowserRun.prepare(repo);
        DashboardSeed seed = DashboardSeed.create("dashboard-it-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.now().minusSeconds(90));

        try (KafkaBroker broker = KafkaBroker.start();
             ServiceProcess sink = new ServiceProcess(repo, "sink-service", "dashboard-sink", Ports.free(), Map.of(
                     "kafka.bootstrap.servers", broker.bootstrapServers(),
                     "urlcheck.sink.store", "json",
                     "urlcheck.sink.json.dir", store.toString()), "384m", target)
                     .start().awaitReady(SINK_STARTUP)) {
            DashboardSeed earlier = DashboardSeed.finishedJob(seed.jobId() + "-earlier", Instant.now().minus(Duration.ofHours(2)));
            broker.send(Topics.JOBS, earlier.jobId(), totals.serialize(Topics.JOBS, earlier.totals()));
            publish(broker, earlier.initial());
            broker.send(Topics.JOBS, seed.jobId(), totals.serialize(Topics.JOBS, seed.totals()));
            publish(broker, seed.initial());
            await("the sink stored both jobs' initial results").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(job(sink, earlier.jobId())).hasValueSatisfying(job ->
                        assertThat(job.get("done").asBoolean()).as("%s is done", earlier.jobId()).isTrue());
                assertThat(job(sink, seed.jobId())).hasValueSatisfying(job -> {
                    assertThat(job.get("checked").asLong()).isEqualTo(seed.initial().size());
                    assertThat(job.get("expected").asLong()).isEqualTo(seed.totals().expectedResults());
                });
            });

            Path screenshot = target.resolve("dashboard.png");
            Files.deleteIfExists(screenshot);
            AtomicReference<Exception> publishFailure = new AtomicReference<>();
            BrowserRun.Outcome run = BrowserRun.node(repo, "dashboard-check.mjs", Map.of(
                    "SINK_URL", sink.baseUrl(),
                    "DASHBOARD_EXPECT", JsonCodec.encodeToString(seed.expectations(earlier)),
                    "SCREENSHOT", screenshot.toString(),
                    "PHONE_SCREENSHOT", target.resolve("dashboard-phone.png").toString(),
                    "DETAIL_SCREENSHOT", target.resolve("dashboard-detail.png").toString()),
                    BROWSER_TIMEOUT, line -> {
                        if (line.equals("READY")) {
                            try {
                                publish(broker, seed.last()); // the page is open: finish the job under its eyes
                            } catch (RuntimeException e) {
                                publishFailure.set(e);
                            }
                        }
                    });

            assertThat(publishFailure.get()).as("publishing the last results").isNull();
            assertThat(run.exitCode())
                    .as("the browser checks failed:\n%s\n--- sink log ---\n%s", run.output(), sink.process().logTail(40))
                    .isZero();
            assertThat(run.output()).contains("READY", "all checks passed");
            assertThat(screenshot).isNotEmptyFile();
        }
    }

    /** {@code GET /api/jobs/{id}} of the sink as a JSON tree, empty while the sink does not know the job. */
    static Optional<JsonNode> job(ServiceProcess sink, String jobId) throws IOException {
        HttpResponse<String> response = get(URI.create(sink.baseUrl() + "/api/jobs/" + jobId));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(response.statusCode()).as("GET /api/jobs/%s: %s", jobId, response.body()).isEqualTo(200);
        return Optional.of(JsonCodec.mapper().readTree(response.body()));
    }

    private static HttpResponse<String> get(URI uri) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during GET " + uri, e);
        }
    }

    private void publish(KafkaBroker broker, List<CheckResult> batch) {
        for (CheckResult result : batch) {
            broker.send(Topics.RESULTS, result.url(), results.serialize(Topics.RESULTS, result));
        }
    }

    /** The repository root: the parent POM's {@code urlcheck.home}, else the nearest parent holding sink-service. */
    static Path repositoryRoot() {
        String home = System.getProperty("urlcheck.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sink-service")) && Files.isDirectory(dir.resolve("system-tests"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root; set -Durlcheck.home");
    }
}
