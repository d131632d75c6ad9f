package io.urlcheck.systemtests.hostile;

import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.chaos.Pipeline;
import io.urlcheck.systemtests.support.SaslPlainListener;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Security at system level, on the packaged services: the bearer token on {@code /api/*} of producer
 * and sink (health and metrics stay open), the production overlay's Kafka client properties (SASL_SSL, a
 * PEM truststore given inline) reaching every Kafka client of every service, and logs that never print the
 * token, the SASL password or a request body.
 */
class HostileSecurityIT {

    private static final String TOKEN = "api-token-" + UUID.randomUUID();
    private static final String SASL_USER = "urlcheck";
    private static final String SASL_PASSWORD = "sasl-password-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Pipeline run;

    @BeforeAll
    static void startStack() {
        run = Pipeline.builder("hostileSecurity").workers(1).apiToken(TOKEN).kafkaSaslSsl(SASL_USER, SASL_PASSWORD).start();
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
    void everyServiceTalksToKafkaOnlyOverSaslSslAndAWrongPasswordOrAnUntrustedBrokerIsRefused() throws Exception {
        LocalStack stack = run.stack();
        String saslBootstrap = stack.kafka().listenerBootstrapServers();
        // Every Kafka client of every service says, when created, which brokers it connects to: the SASL listener,
        // which speaks only TLS, so a client that ignored the ssl.* properties could not have done its work.
        Map<String, List<String>> expectedClients = Map.of(
                "producer", List.of("kafka-consumer-intake"),
                "worker-1", List.of("kafka-consumer-requests", "kafka-producer-results", "kafka-producer-dead-letter"),
                "sink", List.of("kafka-consumer-results", "kafka-consumer-jobs"));
        List<ServiceProcess> services = new ArrayList<>(List.of(stack.producer(), stack.sink()));
        services.addAll(stack.workers());
        for (ServiceProcess service : services) {
            Map<String, String> brokersByClient = kafkaClients(log(service));
            System.out.println("HOSTILE sasl " + service.name() + " clients=" + brokersByClient);
            assertThat(brokersByClient).as(service.name()).containsKeys(expectedClients.get(service.name()).toArray(String[]::new));
            assertThat(brokersByClient.values()).as(service.name() + ": every client's brokers").containsOnly(saslBootstrap);
        }

        // A raw intake record, written by a Kafka client that logs in as the same user.
        String intakeUrl = run.fleet().url(0, "/status/200?via=sasl-intake");
        Map<String, Object> intakeConfig = new HashMap<>(saslSsl(saslBootstrap, SASL_PASSWORD));
        try (KafkaProducer<String, String> intake = new KafkaProducer<>(intakeConfig, new StringSerializer(), new StringSerializer())) {
            intake.send(new ProducerRecord<>(Topics.INTAKE, intakeUrl)).get(60, TimeUnit.SECONDS);
        }
        await("the intake record's result").atMost(Pipeline.PATIENCE)
                .until(() -> run.historySize(intakeUrl) >= 1);

        // The round trip: URLs in through the producer, checked by the worker, stored by the sink, all over SASL.
        List<String> urls = run.fleet().delayedUrls("sasl", 10, 10);
        assertThat(run.submit("hostile-sasl", urls).accepted()).isEqualTo(urls.size());
        assertThat(run.assertAccounted("hostile-sasl", urls).holds()).isTrue();

        // The listener really authenticates: the same user with a wrong password is refused.
        try (Admin admin = Admin.create(saslSsl(saslBootstrap, "wrong-" + SASL_PASSWORD))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        // And the client really checks the broker: one that trusts only the JDK's CAs refuses the certificate.
        Map<String, Object> untrusting = new HashMap<>(saslSsl(saslBootstrap, SASL_PASSWORD));
        untrusting.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
        untrusting.remove(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG);
        try (Admin admin = Admin.create(untrusting)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    /** The client properties the services get: SASL_SSL as {@code SASL_USER}, trusting the broker's certificate (PEM). */
    private static Map<String, Object> saslSsl(String bootstrap, String password) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, SaslPlainListener.jaas(SASL_USER, password),
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, run.sasl().tls().trustedCertificatePem(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
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

    /** Client id to broker list, from SmallRye's "Kafka consumer/producer X, connected to Kafka brokers 'B'" lines. */
    private static Map<String, String> kafkaClients(String log) {
        Matcher m = Pattern.compile("Kafka (?:consumer|producer) (\\S+), connected to Kafka brokers '([^']*)'").matcher(log);
        Map<String, String> clients = new TreeMap<>();
        while (m.find()) {
            clients.put(m.group(1), m.group(2));
        }
        return clients;
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
