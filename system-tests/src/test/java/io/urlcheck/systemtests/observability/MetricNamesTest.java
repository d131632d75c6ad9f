package io.urlcheck.systemtests.observability;

import io.urlcheck.systemtests.support.Home;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric-name cross-check itself, without services: the names it reads out of PromQL, and that it passes
 * the real dashboard and rules against a fixed scrape of the catalogue's names but fails, naming the file, once
 * a metric in the dashboard is renamed. MetricNamesIT runs the same comparison against the running services.
 */
class MetricNamesTest {

    private static final Path ROOT = Home.path();
    private static final Path DASHBOARD = MetricNames.DASHBOARDS.resolve("urlcheck.json");

    @Test
    void readsMetricNamesOutOfPromqlAndNothingElse() {
        assertThat(MetricNames.referencedIn("histogram_quantile(0.99, sum by (le) (rate(urlcheck_worker_check_duration_seconds_bucket"
                + "{namespace=\"$namespace\", outcome!~\"OK|x_total\"}[$__rate_interval])))"))
                .containsExactly("urlcheck_worker_check_duration_seconds_bucket");
        assertThat(MetricNames.referencedIn("sum by (namespace, topic) (a_total) > 0 and deriv(sum by (topic) (b_lag)[5m:30s]) > 0"
                + " unless on (namespace) group_left (pod) c offset 1h or sum(d) without (le) * 1e3 > bool 2"))
                .containsExactly("a_total", "b_lag", "c", "d");
        assertThat(MetricNames.referencedIn("label_values(urlcheck_worker_in_flight, namespace)"))
                .containsExactly("urlcheck_worker_in_flight");
        assertThat(MetricNames.referencedIn("up{job=~\"urlcheck.*\"} == 0 or absent(urlcheck_sink_results_stored_total)"))
                .containsExactly("up", "urlcheck_sink_results_stored_total");
    }

    @Test
    void theRealDashboardAndRulesPassAgainstTheCataloguesScrape() throws IOException {
        Map<String, Set<String>> referenced = MetricNames.referencedBy(ROOT);

        assertThat(referenced).containsKeys("urlcheck_worker_checks_total", "urlcheck_worker_check_duration_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag", "urlcheck_worker_in_flight_limit",
                "urlcheck_sink_store_write_duration_seconds_bucket", "urlcheck_sink_store_errors_total",
                "urlcheck_producer_rejected_total", "urlcheck_sink_dead_letters_total");
        assertThat(referenced.get("urlcheck_worker_checks_total"))
                .containsExactly(DASHBOARD.toString(), MetricNames.RULES.toString());
        assertThat(MetricNames.missing(referenced, MetricNames.exportedIn(sampleScrape()))).isEmpty();
    }

    @Test
    void thePlatformsVolumeStatisticsAreNotMissButAMisspelledOneIs() throws IOException {
        Map<String, Set<String>> referenced = MetricNames.referencedBy(ROOT);
        assertThat(referenced).containsKeys("kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes");

        Map<String, Set<String>> misspelled = new TreeMap<>();
        MetricNames.add(misspelled, MetricNames.ruleReferences(Files.readString(ROOT.resolve(MetricNames.RULES))
                .replace("kubelet_volume_stats_available_bytes", "kubelet_volume_stat_available_bytes")), MetricNames.RULES.toString());

        assertThat(MetricNames.missing(misspelled, MetricNames.exportedIn(sampleScrape())))
                .containsExactly("kubelet_volume_stat_available_bytes (referenced in " + MetricNames.RULES + ")");
    }

    @Test
    void aRenamedMetricInTheDashboardFailsNamingTheNameAndTheFile() throws IOException {
        String renamed = Files.readString(ROOT.resolve(DASHBOARD))
                .replace("urlcheck_worker_checks_total", "urlcheck_worker_check_total");
        Map<String, Set<String>> referenced = new TreeMap<>();
        MetricNames.add(referenced, MetricNames.dashboardReferences(renamed), DASHBOARD.toString());
        MetricNames.add(referenced, MetricNames.ruleReferences(Files.readString(ROOT.resolve(MetricNames.RULES))),
                MetricNames.RULES.toString());

        assertThat(MetricNames.missing(referenced, MetricNames.exportedIn(sampleScrape())))
                .containsExactly("urlcheck_worker_check_total (referenced in " + DASHBOARD + ")");
    }

    @Test
    void aMissTellsWhichNearNameIsExported() {
        Set<String> exported = MetricNames.exportedIn("""
                # TYPE a_seconds summary
                a_seconds_count 1.0
                a_seconds_sum 0.1
                b_total{x="1"} 2.0
                """);

        assertThat(MetricNames.missing(Map.of("a_seconds_bucket", Set.of("d.json"), "b", Set.of("r.yaml")), exported))
                .containsExactlyInAnyOrder(
                        "a_seconds_bucket (referenced in d.json); its family is exported without _bucket (only a_seconds_count, a_seconds_sum)",
                        "b (referenced in r.yaml); exported as b_total");
    }

    private static String sampleScrape() throws IOException {
        try (InputStream in = MetricNamesTest.class.getResourceAsStream("/observability/sample-scrape.txt")) {
            assertThat(in).as("observability/sample-scrape.txt on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
