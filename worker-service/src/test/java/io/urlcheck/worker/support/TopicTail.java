package io.urlcheck.worker.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a whole topic from the beginning without a consumer group (no join, no rebalance), and keeps
 * what it read, so tests can wait for a record cheaply: {@code tail.await(r -> ..., timeout)}.
 */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicTail(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every matching record written to the topic so far: reads up to the current end of every partition first. */
    public synchronized List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> filter) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        } while (!caughtUp(ends) && System.nanoTime() - deadline < 0);
        return seen.stream().filter(filter).toList();
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Polls until at least {@code count} matching records were read, or fails after {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> await(Predicate<ConsumerRecord<String, byte[]>> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> found = matching(filter);
        while (found.size() < count && System.nanoTime() - deadline < 0) {
            found = matching(filter);
        }
        if (found.size() < count) {
            throw new AssertionError("only " + found.size() + " of " + count + " expected records within " + timeout);
        }
        return found;
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
