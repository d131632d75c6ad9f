package io.urlcheck.systemtests.observability;

import io.urlcheck.launcher.stack.KafkaProcess;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.systemtests.support.Home;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The brokers' alerts and dashboard in the production overlay read what the brokers export: a real KRaft broker runs with the
 * Prometheus JMX exporter's agent and the rules file the overlay gives Strimzi ({@code config/kafka-metrics.yml}),
 * takes a few records, and its {@code /metrics} is scraped. Every metric name the PrometheusRule in
 * {@code strimzi/kafka-monitoring.yaml} and the dashboard {@code dashboards/kafka.json} read must be there, a healthy broker must give the values those rules
 * take as healthy, and the rules must keep the export to the broker-wide series they name.
 */
class KafkaMetricsIT {

    private static final Path OVERLAY = Path.of("deploy/overlays/production");
    private static final Path EXPORTER_RULES = OVERLAY.resolve("config/kafka-metrics.yml");
    private static final Path MONITORING = OVERLAY.resolve("strimzi/kafka-monitoring.yaml");
    private static final Path DASHBOARD = OVERLAY.resolve("dashboards/kafka.json");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static KafkaProcess kafka;
    private static int metricsPort;

    @BeforeAll
    static void startBrokerWithTheExporter() throws IOException {
        Path agent = Path.of(System.getProperty("urlcheck.test.jmx-exporter-agent", "target/agents/jmx_prometheus_javaagent.jar"));
        assertThat(agent).as("the exporter's agent, copied by the build (system-tests/pom.xml)").isRegularFile();
        Path dir = Home.runDir("kafka-metrics");
        metricsPort = Ports.free();
        String agentOption = "-javaagent:" + agent.toAbsolutePath() + "=127.0.0.1:" + metricsPort + ":"
                + Home.path().resolve(EXPORTER_RULES);
        kafka = new KafkaProcess(dir.resolve("kafka"), dir.resolve("logs"), Ports.free(), Ports.free(), List.of(agentOption));
        kafka.start(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.kill();
        }
    }

    @Test
    void everyMetricTheBrokerAlertsAndDashboardReadIsExportedAndHealthyOnAHealthyBroker() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("metrics-check", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("metrics-check", "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        String scrape = await("the broker's /metrics counting the 10 records").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(KafkaMetricsIT::scrape, s -> value(s, "kafka_server_brokertopicmetrics_messagesin_total").orElse(0) >= 10);

        Map<String, Set<String>> referenced = new TreeMap<>();
        MetricNames.add(referenced, MetricNames.ruleReferences(prometheusRule()), MONITORING.toString());
        MetricNames.add(referenced, MetricNames.dashboardReferences(Files.readString(Home.path().resolve(DASHBOARD))),
                DASHBOARD.toString());
        assertThat(referenced).as("the broker alerts and dashboard read some metrics").hasSizeGreaterThan(10);
        assertThat(MetricNames.missing(referenced, MetricNames.exportedIn(scrape)))
                .as("names the broker alerts or dashboard read that the exporter does not give").isEmpty();

        assertThat(value(scrape, "kafka_server_replicamanager_underreplicatedpartitions")).hasValue(0);
        assertThat(value(scrape, "kafka_server_replicamanager_underminisrpartitioncount")).hasValue(0);
        assertThat(value(scrape, "kafka_controller_kafkacontroller_offlinepartitionscount")).hasValue(0);
        assertThat(value(scrape, "kafka_controller_kafkacontroller_activecontrollercount")).hasValue(1);
        assertThat(value(scrape, "kafka_server_replicamanager_partitioncount").orElse(0)).isGreaterThanOrEqualTo(2);

        List<String> kafkaSamples = scrape.lines().filter(l -> l.startsWith("kafka_")).toList();
        assertThat(kafkaSamples).as("broker-wide series only: no per-topic, per-partition or per-client ones")
                .noneMatch(l -> l.contains("topic=") || l.contains("partition=") || l.contains("clientId="))
                .hasSizeLessThan(40);
    }

    private static String prometheusRule() throws IOException {
        String all = Files.readString(Home.path().resolve(MONITORING));
        return Arrays.stream(all.split("(?m)^---$")).filter(doc -> doc.contains("kind: PrometheusRule")).findFirst()
                .orElseThrow(() -> new AssertionError(MONITORING + " holds no PrometheusRule"));
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the one unlabelled sample {@code name} in a Prometheus text scrape. */
    private static OptionalDouble value(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).strip()))
                .findFirst();
    }
}
