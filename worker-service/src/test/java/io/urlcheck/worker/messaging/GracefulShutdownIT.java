package io.urlcheck.worker.messaging;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.urlcheck.worker.support.TopicTail;
import io.vertx.core.Vertx;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged worker as a real process, stopped with SIGTERM while checks are in flight: every
 * request it consumed either has a published result, or is uncommitted and checked after a restart.
 */
class GracefulShutdownIT {

    private static final int REQUESTS = 16;
    private static final int PER_HOST = 4;

    private static KafkaBroker broker;
    private static Vertx vertx;
    private static HostileServer target;
    private static TopicTail resultsTail;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        resultsTail = new TopicTail(broker.bootstrapServers(), Topics.RESULTS);
        vertx = Vertx.vertx();
        target = HostileServer.http(vertx, "127.0.0.1").route("/slow", Routes.slowPage(vertx, 2500, "Slow"));
    }

    @AfterAll
    static void stop() {
        resultsTail.close();
        target.close();
        vertx.close();
        broker.close();
    }

    @Test
    void shutdownPublishesInFlightChecksAndLeavesTheRestUncommitted() throws Exception {
        String jobId = "shutdown-" + UUID.randomUUID();
        Map<String, RecordMetadata> sent = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String url = target.url("/slow?n=" + i);
            CheckRequest request = new CheckRequest(1, UUID.randomUUID().toString(), jobId, url, url, "127.0.0.1", Instant.now());
            sent.put(request.requestId(), send(request));
        }

        ServiceProcess first = startWorker("first");
        await().atMost(Duration.ofSeconds(90)).until(() -> target.activeNow("/slow") == PER_HOST);
        long signalled = System.nanoTime();
        first.terminate(); // SIGTERM
        assertThat(first.process().awaitExit(Duration.ofSeconds(60))).as("worker exits after draining").isTrue();
        Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);

        Set<String> answered = answered(jobId);
        assertThat(answered).as("the checks in flight at the signal were finished and published").hasSizeGreaterThanOrEqualTo(PER_HOST);
        assertThat(stopping).isLessThan(Duration.ofSeconds(30));
        TopicPartition partition = new TopicPartition(Topics.REQUESTS, sent.values().iterator().next().partition());
        long committed = committed(partition);
        List<String> committedWithoutResult = sent.entrySet().stream()
                .filter(e -> e.getValue().offset() < committed)
                .map(Map.Entry::getKey)
                .filter(id -> !answered.contains(id))
                .toList();
        assertThat(committedWithoutResult).as("no request is committed without its result").isEmpty();
        assertThat(answered).as("not everything was done before the signal").hasSizeLessThan(REQUESTS);

        ServiceProcess second = startWorker("second");
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> answered(jobId).containsAll(sent.keySet()));
        } finally {
            second.terminate();
            second.process().awaitExit(Duration.ofSeconds(60));
        }
        assertThat(results(jobId)).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.OK));
    }

    private ServiceProcess startWorker(String name) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("packaged worker").exists();
        int port = Ports.free();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("urlcheck.worker.allow-cidrs", "127.0.0.0/8");
        properties.put("urlcheck.worker.max-per-host", Integer.toString(PER_HOST));
        properties.put("urlcheck.worker.drain-grace", "20s");
        properties.put("urlcheck.worker.id", "it-" + name);
        properties.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        return new ServiceProcess("worker-" + name, jar, port, List.of(), properties, Map.of(),
                Path.of("target", "graceful-shutdown-" + name + ".log")).start();
    }

    private static RecordMetadata send(CheckRequest request) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            return producer.send(new ProducerRecord<>(Topics.REQUESTS, request.host(), JsonCodec.encode(request))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send the request", e);
        }
    }

    private static List<CheckResult> results(String jobId) {
        return resultsTail.matching(r -> true).stream()
                .map(ConsumerRecord::value)
                .map(v -> JsonCodec.decode(v, CheckResult.class))
                .filter(r -> jobId.equals(r.jobId()))
                .toList();
    }

    private static Set<String> answered(String jobId) {
        return results(jobId).stream().map(CheckResult::requestId).collect(Collectors.toSet());
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("urlcheck-worker")
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? 0 : offset.offset();
        }
    }
}
