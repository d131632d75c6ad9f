package io.urlcheck.contract.kafka;

import io.urlcheck.contract.DaemonThreads;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every key's latest value on a compacted topic, kept in memory by one daemon thread that reads all of the
 * topic's partitions from the beginning and then follows them (no consumer group, no committed offsets: each
 * process holds the whole table). A tombstone removes its key. A value that cannot be decoded is logged with
 * its position and skipped, leaving the key's earlier value, so one bad record never stops the table.
 * Broker outages are the consumer's to ride out; the table serves what it last read meanwhile.
 * {@link #awaitCaughtUpToNow} is a barrier: it returns once the table has read every record acknowledged
 * before the call, so a writer (or a partition's new owner) reads its own and its predecessor's writes.
 *
 * @param <V> the value type
 */
public final class CompactedTable<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTable.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BARRIER_POLL = Duration.ofMillis(50);
    private static final Duration MISSING_TOPIC_RETRY = Duration.ofSeconds(1);

    private final String topic;
    private final Map<String, Object> config;
    private final Deserializer<V> values;
    private final Map<String, V> table = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
    private final Queue<Barrier> barriers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;
    private boolean warnedMissing;
    private Thread thread;

    /**
     * A table of {@code topic}, read with {@code kafkaConfig} (bootstrap servers and security settings; group,
     * deserializer and offset settings in it are replaced).
     */
    public CompactedTable(String topic, Map<String, Object> kafkaConfig, Deserializer<V> values) {
        this.topic = topic;
        this.values = values;
        Map<String, Object> settings = new HashMap<>(kafkaConfig);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "urlcheck-table-" + topic);
        this.config = settings;
    }

    /** Starts reading; returns at once. */
    public synchronized CompactedTable<V> start() {
        if (thread == null) {
            thread = DaemonThreads.start("urlcheck-table-" + topic, this::run);
        }
        return this;
    }

    /** The latest value of {@code key}, if it has one. */
    public Optional<V> get(String key) {
        return Optional.ofNullable(table.get(key));
    }

    /** A copy of the whole table, key to latest value. */
    public Map<String, V> snapshot() {
        return Map.copyOf(table);
    }

    /** The partition {@code key}'s latest value was read from, if it has one. */
    public OptionalInt partitionOf(String key) {
        Integer partition = partitionOf.get(key);
        return partition == null ? OptionalInt.empty() : OptionalInt.of(partition);
    }

    /**
     * Waits, at most {@code timeout}, until the table has read every record that was on the topic (up to each
     * partition's end offset) when this was called; returns whether it has. A record acknowledged with
     * {@code acks=all} before the call is in the table when this returns true.
     */
    public boolean awaitCaughtUpToNow(Duration timeout) throws InterruptedException {
        Barrier barrier = new Barrier();
        barriers.add(barrier);
        try {
            barrier.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            barriers.remove(barrier);
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** Whether the table has read every record that was on the topic when it started. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until {@link #isCaughtUp()}, at most {@code timeout}; returns whether it is. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config)) {
            consumer = kafka;
            if (closed) {
                return;
            }
            List<TopicPartition> partitions = partitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(kafka.endOffsets(partitions));
            ends.values().removeIf(end -> end == 0);
            markIfCaughtUp(kafka, ends);
            List<Barrier> waiting = new ArrayList<>();
            while (!closed) {
                for (Barrier barrier = barriers.poll(); barrier != null; barrier = barriers.poll()) {
                    barrier.ends = new HashMap<>(kafka.endOffsets(partitions));
                    waiting.add(barrier);
                }
                for (ConsumerRecord<String, byte[]> record : kafka.poll(waiting.isEmpty() ? POLL : BARRIER_POLL)) {
                    apply(record);
                }
                markIfCaughtUp(kafka, ends);
                waiting.removeIf(barrier -> barrier.reachedBy(kafka));
            }
        } catch (WakeupException e) {
            // close() woke the poll: the table is done
        } catch (RuntimeException e) {
            LOG.errorf(e, "the table of %s stopped reading: %s", topic, e.getMessage());
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        while (!closed) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            if (!warnedMissing) {
                warnedMissing = true;
                LOG.warnf("topic %s does not exist yet; the table looks for it every %s", topic, MISSING_TOPIC_RETRY);
            }
            try {
                Thread.sleep(MISSING_TOPIC_RETRY.toMillis()); // a backoff: the client answers at once for a missing topic
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private void markIfCaughtUp(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> ends) {
        if (!ends.isEmpty()) {
            ends.entrySet().removeIf(end -> kafka.position(end.getKey()) >= end.getValue());
        }
        if (ends.isEmpty()) {
            caughtUp.countDown();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warnf("%s-%d@%d has no key; skipped", record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            table.remove(record.key());
            partitionOf.remove(record.key());
            return;
        }
        try {
            V value = values.deserialize(record.topic(), record.value());
            if (value != null) {
                table.put(record.key(), value);
                partitionOf.put(record.key(), record.partition());
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s-%d@%d could not be read and is skipped: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** One {@link #awaitCaughtUpToNow} call: the end offsets when the reader took it, done once reached. */
    private static final class Barrier {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Map<TopicPartition, Long> ends;

        boolean reachedBy(KafkaConsumer<String, byte[]> kafka) {
            ends.entrySet().removeIf(end -> kafka.position(end.getKey()) >= end.getValue());
            if (ends.isEmpty()) {
                done.complete(null);
                return true;
            }
            return false;
        }
    }

    /** Stops reading and waits for the reading thread to end. */
    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        Thread reader;
        synchronized (this) {
            reader = thread;
        }
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
