package io.urlcheck.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.urlcheck.contract.Topics;
import io.urlcheck.systemtests.hostile.PackagedService;
import io.urlcheck.systemtests.support.DeploySettings;
import io.urlcheck.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production runs two producer replicas behind one Service, so the {@code GET} that follows a {@code 202}'s
 * {@code Location} reaches either. Two packaged producers with deploy/base's settings share a broker whose
 * {@code urlcheck.jobs} has production's six partitions; jobs submitted to one are asked for at the other, at once,
 * as a client that follows {@code Location} does. Before the fix the other replica answered 404.
 */
class ProducerReplicasIT {

    private static final String TOKEN = "replicas-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaBroker broker;
    private static final List<PackagedService> PRODUCERS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createPartitions(Map.of(Topics.JOBS, NewPartitions.increaseTo(6))).all().get(30, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 2; i++) {
            Map<String, String> settings = DeploySettings.of("producer");
            settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
            settings.put("urlcheck.api.token", TOKEN);
            PRODUCERS.add(PackagedService.start("producer-service", settings));
        }
    }

    @AfterAll
    static void stop() {
        PRODUCERS.forEach(PackagedService::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theLocationOfAJobSubmittedToOneReplicaAnswersFromTheOther() throws Exception {
        for (int i = 0; i < 6; i++) {
            PackagedService took = PRODUCERS.get(i % 2);
            PackagedService other = PRODUCERS.get((i + 1) % 2);
            String job = "replicas-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(took.loopbackUrl() + "/api/jobs?jobId=" + job))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("https://example.com/a\nhttps://example.com/b\nhttps://example.com/a\nnot a url\n# c\n")));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            // Absolute, on the Host the client asked (the Service, in a cluster); here the other replica stands for it.
            String location = URI.create(accepted.headers().firstValue("Location").orElseThrow()).getRawPath();
            assertThat(location).isEqualTo("/api/jobs/" + job);

            HttpResponse<String> elsewhere = send(HttpRequest.newBuilder(URI.create(other.loopbackUrl() + location)).GET());

            assertThat(elsewhere.statusCode()).as("GET %s on the other replica: %s", location, elsewhere.body()).isEqualTo(200);
            JsonNode receipt = JSON.readTree(accepted.body());
            JsonNode totals = JSON.readTree(elsewhere.body());
            for (String field : List.of("jobId", "submitted", "accepted", "rejected", "duplicates", "skipped")) {
                assertThat(totals.get(field)).as(field).isEqualTo(receipt.get(field));
            }
            assertThat(totals.get("accepted").asLong()).isEqualTo(2);
            assertThat(totals.get("complete").asBoolean()).isTrue();
        }
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(PRODUCERS.get(1).loopbackUrl() + "/api/jobs/never-" + UUID.randomUUID())).GET());
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
