package io.urlcheck.producer.messaging;

import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.producer.PublishedTotals;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding the totals another producer published, on the real broker, with urlcheck.jobs at production's six
 * partitions (strimzi/topics.yaml): the records are sent as {@link KafkaOutbox#totals} sends them (the UTF-8 record
 * key, the client's default partitioner), so the lookup must agree with it on the partition.
 */
class KafkaPublishedTotalsTest {

    private static final Duration DAY = Duration.ofHours(24);

    @BeforeAll
    static void jobsTopicAsInProduction() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            int now = admin.describeTopics(java.util.List.of("urlcheck.jobs")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("urlcheck.jobs").partitions().size();
            if (now < 6) {
                admin.createPartitions(Map.of("urlcheck.jobs", NewPartitions.increaseTo(6))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theLatestTotalsOfAJobAnotherProducerTookAreFoundBehindThousandsOfOtherJobs() {
        String job = "lookup-" + UUID.randomUUID();
        Instant started = Instant.now();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            publish(producer, totals(job, 40, false, started));
            publish(producer, totals(job, 100, true, started));
            for (int i = 0; i < 3 * KafkaPublishedTotals.STEP; i++) { // more than one step back on every partition
                publish(producer, totals("other-" + i + "-" + job, 1, true, started));
            }
            producer.flush();
        }
        try (KafkaPublishedTotals lookup = lookup(Clock.systemUTC())) {
            assertThat(lookup.find(job)).hasValueSatisfying(t -> {
                assertThat(t.submitted()).isEqualTo(100);
                assertThat(t.complete()).isTrue();
            });
            assertThat(lookup.find("never-submitted-" + UUID.randomUUID())).isEmpty();
        }
    }

    @Test
    void aJobWhoseTotalsAreOlderThanTheLookbackIsNotLookedFor() {
        String job = "lookup-old-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            publish(producer, totals(job, 5, true, Instant.now()));
            producer.flush();
        }
        Clock twoDaysLater = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        try (KafkaPublishedTotals now = lookup(Clock.systemUTC()); KafkaPublishedTotals later = lookup(twoDaysLater)) {
            assertThat(now.find(job)).isPresent();
            assertThat(later.find(job)).isEmpty();
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsAnOutageNotAnUnknownJob() {
        Map<String, Object> nowhere = Map.of("bootstrap.servers", "127.0.0.1:" + unusedPort());
        try (KafkaPublishedTotals lookup = new KafkaPublishedTotals(nowhere, DAY, Duration.ofSeconds(2), Clock.systemUTC())) {
            assertThatThrownBy(() -> lookup.find("any")).isInstanceOf(PublishedTotals.Unavailable.class)
                    .hasMessageContaining("urlcheck.jobs");
        }
    }

    private static KafkaPublishedTotals lookup(Clock clock) {
        return new KafkaPublishedTotals(Map.of("bootstrap.servers", bootstrap()), DAY, Duration.ofSeconds(30), clock);
    }

    private static JobTotals totals(String job, long submitted, boolean complete, Instant started) {
        return new JobTotals(JobTotals.SCHEMA_VERSION, job, submitted, submitted, 0, 0, 0, complete, started, Instant.now());
    }

    /** As KafkaOutbox#totals sends them. */
    private static void publish(KafkaProducer<byte[], byte[]> producer, JobTotals totals) {
        producer.send(new ProducerRecord<>("urlcheck.jobs", totals.recordKey().getBytes(StandardCharsets.UTF_8),
                JsonCodec.encode(totals)));
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private static String bootstrap() {
        return KafkaBrokerResource.broker().bootstrapServers();
    }

    private static int unusedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
