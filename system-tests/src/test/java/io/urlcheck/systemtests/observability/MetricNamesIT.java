package io.urlcheck.systemtests.observability;

import io.urlcheck.contract.Topics;
import io.urlcheck.systemtests.hostile.PackagedService;
import io.urlcheck.systemtests.support.DeploySettings;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.TargetResponse;
import io.urlcheck.testkit.TargetServer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric name deploy/observability's dashboard and alert rules refer to is one the services export. The
 * three packaged services run as processes with the settings deploy/base/config gives them (as environment
 * variables named like the properties, as the ConfigMaps pass them), on a real broker; a small job runs
 * (an OK target, a 404, a rejected line, a duplicate) and one undecodable record goes to each of the
 * intake, requests and results topics, so that lazily registered series (dead letters) exist too. Then
 * {@code /q/metrics} of all three is scraped and compared: the failure lists each missing name and the file
 * that refers to it. MetricNamesTest shows the same comparison fails on a renamed metric.
 */
class MetricNamesIT {

    private static final String TOKEN = "metric-names-" + Long.toHexString(System.nanoTime());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static KafkaBroker broker;
    private static TargetServer targets;
    private static final List<PackagedService> SERVICES = new ArrayList<>();

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        targets = TargetServer.start().stub("/ok", TargetResponse.ok()).stub("/missing", TargetResponse.status(404));
        for (String module : List.of("producer-service", "worker-service", "sink-service")) {
            SERVICES.add(PackagedService.start(module, deploySettings(module)));
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new ArrayList<AutoCloseable>(SERVICES)) {
            close(c);
        }
        close(targets);
        close(broker);
    }

    @Test
    void everyMetricTheDashboardAndTheRulesNameIsExportedByARunningService() {
        String jobId = "metric-names-" + Long.toHexString(System.nanoTime());
        String lines = String.join("\n", targets.url("/ok"), targets.url("/missing"), targets.url("/ok"), "not a url", "");
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(producer().loopbackUrl() + "/api/jobs?jobId=" + jobId))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        byte[] undecodable = {(byte) 0xC3, (byte) 0x28, '{', 0};
        for (String topic : List.of(Topics.INTAKE, Topics.REQUESTS, Topics.RESULTS)) {
            broker.send(topic, "undecodable", undecodable);
        }
        await("the job's two results stored").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> value(scrape(sink()), "urlcheck_sink_results_stored_total") >= 2);

        Map<String, Set<String>> referenced = MetricNames.referencedBy(Home.path());
        List<String> missing = List.of();
        try {
            // Series a service registers on first use (dead letters, lag once a partition is fetched) may trail the results.
            await("every referenced metric exported").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> MetricNames.missing(referenced, exported()).isEmpty());
        } catch (ConditionTimeoutException e) {
            missing = MetricNames.missing(referenced, exported());
        }
        Path scrapes = keepScrapes();
        missing.forEach(m -> System.out.println("METRIC MISSING " + m));
        assertThat(missing).as("metric names the dashboard or the rules refer to that no running service exports"
                + " (scrapes of " + SERVICES + " kept in " + scrapes + ")").isEmpty();
    }

    /** deploy/base/config/{service}.properties, with the broker, the token, a writable store and loopback targets allowed. */
    private static Map<String, String> deploySettings(String module) {
        String service = module.substring(0, module.indexOf('-'));
        Map<String, String> env = DeploySettings.of(service);
        env.put("kafka.bootstrap.servers", broker.bootstrapServers());
        env.put("urlcheck.api.token", TOKEN);
        env.remove("urlcheck.sink.json.dir"); // the Deployment's emptyDir; PackagedService gives a directory of its own
        if (service.equals("worker")) {
            env.put("urlcheck.worker.allow-cidrs", "127.0.0.0/8");
        }
        return env;
    }

    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        SERVICES.forEach(s -> names.addAll(MetricNames.exportedIn(scrape(s))));
        return names;
    }

    /** Writes each service's last scrape to a run directory, for reading a failure. */
    private static Path keepScrapes() {
        Path dir = Home.runDir("metric-names");
        try {
            for (PackagedService service : SERVICES) {
                Files.writeString(dir.resolve(service.toString().split(" ")[0] + ".metrics"), scrape(service));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static String scrape(PackagedService service) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(service.loopbackUrl() + "/q/metrics")).GET().build());
        assertThat(r.statusCode()).as(service + " /q/metrics without a token").isEqualTo(200);
        return r.body();
    }

    /** The sum of a metric's samples in a scrape, 0 when it has none. */
    private static double value(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PackagedService producer() {
        return SERVICES.get(0);
    }

    private static PackagedService sink() {
        return SERVICES.get(2);
    }

    private static void close(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            System.err.println("closing " + c + ": " + e);
        }
    }
}
