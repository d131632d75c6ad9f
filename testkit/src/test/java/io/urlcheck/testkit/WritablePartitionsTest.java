package io.urlcheck.testkit;

import io.urlcheck.contract.kafka.WritablePartitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link WritablePartitions} against a real broker: the wait that keeps a fresh stack's first job from hanging. */
class WritablePartitionsTest {

    private static final int PARTITIONS = 300;

    private Admin admin;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers()));
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    /**
     * Without the wait this fails every time here: the broker refuses the first batches of some of the 300
     * partitions as not their leader yet, accepts the next ones, and then refuses the first ones as out of order
     * until they expire (KAFKA-14359).
     */
    @Test
    void anIdempotentProducersFirstBatchesToATopicJustCreatedAreAllAcknowledgedAfterTheWait() throws Exception {
        String topic = "writable-fresh";
        try (KafkaProducer<byte[], byte[]> producer = pipeliningProducer()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            WritablePartitions.await(admin, Map.of(topic, PARTITIONS), Duration.ofSeconds(30));

            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int p = PARTITIONS - 1; p >= 0; p--) {
                    sent.add(producer.send(new ProducerRecord<>(topic, p, null, new byte[100])));
                }
            }
            for (Future<RecordMetadata> ack : sent) {
                assertThat(ack.get(30, TimeUnit.SECONDS).offset()).isNotNegative();
            }
        }
    }

    @Test
    void aTopicCreatedWhileWaitingIsWaitedFor() throws Exception {
        String topic = "writable-later";
        CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> {
            try {
                WritablePartitions.await(admin, Map.of(topic, 3), Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waited).as("before the topic exists").isNotDone();

        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);

        waited.get(30, TimeUnit.SECONDS);
        assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
    }

    @Test
    void aPartitionThatNeverGetsALeaderFailsTheWaitAtItsTimeoutNamingTheTopic() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> WritablePartitions.await(admin, Map.of("writable-never", 1), Duration.ofSeconds(2)))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("writable-never");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    /** What the services' producers are: idempotent, five requests in flight, sending at once. */
    private static KafkaProducer<byte[], byte[]> pipeliningProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
                ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "8000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }
}
