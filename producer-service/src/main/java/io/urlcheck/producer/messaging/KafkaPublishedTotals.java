package io.urlcheck.producer.messaging;

import io.urlcheck.contract.CodecException;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Topics;
import io.urlcheck.producer.PublishedTotals;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PublishedTotals} read from {@link Topics#JOBS}. A whole job's totals are keyed by its id, so they are on the
 * one partition the producer's default partitioner gives that key; this reads that partition backwards from its end
 * (the end as it was when asked, so a record acknowledged before is in range), {@value #STEP} records at a time, and
 * stops at the first step that holds the job: the latest record of a just-submitted job is a few records from the
 * end. It goes no further back than {@code lookback}, the oldest totals it answers for, which bounds what one
 * unknown job id costs. One consumer, no group, made at the first lookup (a replica that is never asked has none);
 * lookups take turns on it. An undecodable record is skipped; Kafka not answering is {@link Unavailable}.
 */
public final class KafkaPublishedTotals implements PublishedTotals, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaPublishedTotals.class);
    static final int STEP = 500;
    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> config;
    private final Duration lookback;
    private final Duration timeout;
    private final Clock clock;
    private KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param kafka    the client-wide {@code kafka.*} properties (bootstrap servers, security); group and
     *                 deserializer settings in it are replaced
     * @param lookback how far back a job's totals are looked for
     * @param timeout  how long one lookup may wait for Kafka
     */
    public KafkaPublishedTotals(Map<String, Object> kafka, Duration lookback, Duration timeout, Clock clock) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "urlcheck-producer-job-lookup");
        this.config = settings;
        this.lookback = lookback;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<JobTotals> find(String jobId) {
        byte[] key = jobId.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            KafkaConsumer<byte[], byte[]> kafka = consumer();
            int partitions = kafka.partitionsFor(Topics.JOBS, timeout).size(); // from the client's metadata cache
            if (partitions == 0) {
                return Optional.empty(); // no topic yet: nothing was published
            }
            TopicPartition partition = new TopicPartition(Topics.JOBS, BuiltInPartitioner.partitionForKey(key, partitions));
            kafka.assign(List.of(partition));
            long end = kafka.endOffsets(List.of(partition), timeout).get(partition);
            OffsetAndTimestamp since = kafka.offsetsForTimes(Map.of(partition, clock.millis() - lookback.toMillis()), timeout)
                    .get(partition);
            long floor = since == null ? end : since.offset(); // null: nothing was written since
            for (long to = end; to > floor; to = Math.max(floor, to - STEP)) {
                Optional<JobTotals> latest = latestIn(kafka, partition, Math.max(floor, to - STEP), to, key, deadline);
                if (latest.isPresent()) {
                    return latest;
                }
            }
            return Optional.empty();
        } catch (KafkaException e) {
            closeConsumer(); // the next lookup starts from a fresh client
            throw new Unavailable("cannot read " + Topics.JOBS + ": " + e.getMessage(), e);
        }
    }

    /** The job's latest totals among the records at offsets {@code [from, to)}. */
    private Optional<JobTotals> latestIn(KafkaConsumer<byte[], byte[]> kafka, TopicPartition partition, long from, long to,
                                         byte[] key, long deadline) {
        kafka.seek(partition, from);
        JobTotals latest = null;
        while (kafka.position(partition, timeout) < to) {
            if (System.nanoTime() - deadline > 0) {
                throw new Unavailable("reading " + Topics.JOBS + " took longer than " + timeout.toMillis() + " ms", null);
            }
            for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                if (record.offset() < to && Arrays.equals(record.key(), key) && record.value() != null) {
                    latest = decode(record).orElse(latest);
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    private static Optional<JobTotals> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Optional.of(JsonCodec.decode(record.value(), JobTotals.class));
        } catch (CodecException e) {
            LOG.warnf("skipping an undecodable record at %s-%d offset %d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(config);
        }
        return consumer;
    }

    private void closeConsumer() {
        if (consumer != null) {
            consumer.close(Duration.ZERO);
            consumer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConsumer();
    }
}
