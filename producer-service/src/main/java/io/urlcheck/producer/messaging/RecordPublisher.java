package io.urlcheck.producer.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Topics;
import io.urlcheck.producer.OutboxFactory;
import io.urlcheck.producer.config.ProducerSettings;
import io.urlcheck.producer.metrics.ProducerMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one Kafka producer of this service, shared by every way in: requests, rejected results,
 * dead letters and job totals all go through it. It is built from the standard {@code kafka.*}
 * configuration (so SASL and TLS settings apply unchanged), with throughput defaults of its own,
 * overridable under {@code urlcheck.producer.kafka.*}. See {@code messaging/DESIGN.md}.
 */
@ApplicationScoped
public class RecordPublisher implements OutboxFactory {

    private static final Logger LOG = Logger.getLogger(RecordPublisher.class);

    /** Tuned so that a large submission is limited by the broker, not by this client. */
    static final Map<String, Object> THROUGHPUT_DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
            ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024),
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");

    private final Producer<byte[], byte[]> producer;
    private final ProducerMetrics metrics;

    public RecordPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ProducerSettings settings,
                           ProducerMetrics metrics) {
        this.producer = new KafkaProducer<>(clientConfig(kafka, settings.kafka()));
        this.metrics = metrics;
    }

    /**
     * The producer's client properties: the throughput defaults, then every client-wide {@code kafka.*}
     * property (bootstrap servers, SASL, TLS...) unchanged, then {@code urlcheck.producer.kafka.*} overrides.
     */
    static Map<String, Object> clientConfig(Map<String, Object> kafka, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>(THROUGHPUT_DEFAULTS);
        kafka.forEach((key, value) -> {
            if (isClientWide(key)) {
                config.put(key, value);
            }
        });
        config.putAll(overrides);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "urlcheck-producer");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /**
     * Builds the producer at start-up rather than at the first submission, and fetches the request topic's
     * partitions in the background, so the first job does not pay for the client's set-up, its producer id and
     * the topic's metadata: on a fresh local stack the first POST of 1,000 URLs took 0.6-0.9 s and the next
     * 0.1-0.2 s; this takes about 0.1 s off a cold {@code run} and 0.3 s off {@code up}'s first job. Nothing waits
     * for it: a broker not up yet, or a topic not created yet, only leaves the first send to fetch them itself.
     */
    void warmUp(@Observes StartupEvent event) {
        DaemonThreads.start("urlcheck-producer-warm-up", () -> {
            try {
                producer.partitionsFor(Topics.REQUESTS);
            } catch (RuntimeException e) {
                LOG.debugf("no metadata of %s at start-up (%s): the first send fetches it", Topics.REQUESTS, e.toString());
            }
        });
    }

    /** A new outbox whose sends are tracked together. */
    @Override
    public KafkaOutbox open() {
        return new KafkaOutbox(producer, new AckBatch(), JsonCodec::encode, metrics.publish());
    }

    /** Pushes out lingering batches now, so that waiting for acknowledgements does not wait for linger. */
    @Override
    public void flush() {
        producer.flush();
    }

    @PreDestroy
    void close() {
        LOG.info("closing the Kafka producer, waiting for outstanding sends");
        producer.close(Duration.ofSeconds(30));
    }

    /** Consumer-only keys from {@code kafka.*} would only earn warnings on a producer. */
    private static boolean isClientWide(String key) {
        return !key.startsWith("group.") && !key.startsWith("auto.") && !key.startsWith("enable.auto")
                && !key.startsWith("key.deserializer") && !key.startsWith("value.deserializer");
    }
}
