package io.urlcheck.worker.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.testkit.KafkaBrokerResource;
import io.urlcheck.testkit.TargetResponse;
import io.urlcheck.testkit.TargetServer;
import io.urlcheck.worker.support.TopicTail;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** The worker through the real broker: requests in, results and dead letters out, offsets committed after results. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class WorkerPipelineTest {

    private static TargetServer target;
    private static TopicTail results;
    private static TopicTail deadLetters;

    @BeforeAll
    static void startTarget() {
        target = TargetServer.start();
        results = new TopicTail(KafkaBrokerResource.broker().bootstrapServers(), Topics.RESULTS);
        deadLetters = new TopicTail(KafkaBrokerResource.broker().bootstrapServers(), Topics.DEAD_LETTER);
    }

    @AfterAll
    static void stopTarget() {
        target.close();
        results.close();
        deadLetters.close();
    }

    @Test
    void requestFromKafkaComesOutAsResultKeyedByUrl() {
        String jobId = "walk-" + UUID.randomUUID();
        target.stub("/walk", TargetResponse.page("Walked"));
        CheckRequest request = request(jobId, target.url("/walk?job=" + jobId));
        send(request);

        ConsumerRecord<String, byte[]> record = awaitResults(jobId, 1).get(0);
        CheckResult result = decode(record);

        assertThat(record.key()).isEqualTo(request.url());
        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.title()).isEqualTo("Walked");
        assertThat(result.requestId()).isEqualTo(request.requestId());
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.workerId()).isNotBlank();
    }

    @Test
    void undecodableRecordIsDeadLetteredAndTheWorkerCarriesOn() {
        var broker = KafkaBrokerResource.broker();
        String key = "garbage-" + UUID.randomUUID();
        byte[] garbage = ("{not json " + key).getBytes(StandardCharsets.UTF_8);
        broker.send(Topics.REQUESTS, key, garbage);
        String jobId = "after-garbage-" + UUID.randomUUID();
        send(request(jobId, target.url("/status/204?job=" + jobId)));

        List<ConsumerRecord<String, byte[]>> letters = deadLetters.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(60));
        ConsumerRecord<String, byte[]> letter = letters.get(0);

        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, Topics.HEADER_DLQ_REASON)).isNotBlank();
        assertThat(header(letter, Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.REQUESTS);
        assertThat(header(letter, Topics.HEADER_DLQ_POSITION)).matches("\\d+:\\d+");
        assertThat(decode(awaitResults(jobId, 1).get(0)).statusCode()).isEqualTo(204);
    }

    @Test
    void offsetIsCommittedOnlyAfterTheResultWasPublished() throws Exception {
        String jobId = "commit-" + UUID.randomUUID();
        String path = "/slow-" + UUID.randomUUID();
        target.stub(path, TargetResponse.page("Slow").withDelay(Duration.ofSeconds(4)));
        RecordMetadata sent = send(request(jobId, target.url(path)));
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

        await().atMost(Duration.ofSeconds(30)).until(() -> target.hits(path) == 1);
        // The check is in flight: its offset must not be committed yet, although commits keep happening.
        assertThat(committed(partition)).isLessThanOrEqualTo(sent.offset());

        awaitResults(jobId, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(partition) > sent.offset());
    }

    @Test
    void metricsAndReadinessAreServed() {
        String jobId = "metrics-" + UUID.randomUUID();
        send(request(jobId, target.url("/status/404?job=" + jobId)));
        awaitResults(jobId, 1);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("urlcheck_worker_checks_total{outcome=\"HTTP_ERROR\""))
                .body(containsString("urlcheck_worker_check_duration_seconds_bucket"))
                .body(containsString("urlcheck_worker_in_flight"))
                .body(containsString("urlcheck_worker_host_queue_depth_max"));
        given().get("/q/health/ready").then().statusCode(200).body(containsString("requests"));
    }

    @Test
    void theStartUpWarmUpsChecksAreNotCountedAsTheWorkersChecks() {
        // The app started with the default warm-up, 500 checks; this class submits a handful.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double counted = Pattern.compile("(?m)^urlcheck_worker_checks_total\\{[^}]*} (\\S+)$").matcher(metrics).results()
                .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();

        assertThat(counted).as("urlcheck_worker_checks_total over every outcome").isLessThan(50);
    }

    private static CheckRequest request(String jobId, String url) {
        return new CheckRequest(1, UUID.randomUUID().toString(), jobId, url, url, "127.0.0.1", Instant.now());
    }

    private static RecordMetadata send(CheckRequest request) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            return producer.send(new ProducerRecord<>(Topics.REQUESTS, request.host(), JsonCodec.encode(request))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send the request", e);
        }
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("urlcheck-worker")
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    static List<ConsumerRecord<String, byte[]>> awaitResults(String jobId, int count) {
        return results.await(r -> jobId.equals(decode(r).jobId()), count, Duration.ofSeconds(60));
    }

    private static CheckResult decode(ConsumerRecord<String, byte[]> record) {
        return JsonCodec.decode(record.value(), CheckResult.class);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
