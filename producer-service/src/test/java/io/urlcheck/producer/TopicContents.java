package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Topics;
import io.urlcheck.testkit.KafkaBrokerResource;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a topic of the test broker from the beginning up to its current end: after a {@code 202} every
 * record of the job is acknowledged, so what is there is all there is. Tests filter by their own job id.
 */
public final class TopicContents {

    private TopicContents() {
    }

    /** Every record currently in {@code topic}. */
    public static List<ConsumerRecord<String, byte[]>> all(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    public static List<ConsumerRecord<String, byte[]>> requestRecords(String jobId) {
        return all(Topics.REQUESTS).stream().filter(r -> decode(r, CheckRequest.class).jobId().equals(jobId)).toList();
    }

    public static List<CheckRequest> requests(String jobId) {
        return of(Topics.REQUESTS, CheckRequest.class, CheckRequest::jobId, jobId);
    }

    public static List<CheckResult> results(String jobId) {
        return of(Topics.RESULTS, CheckResult.class, CheckResult::jobId, jobId);
    }

    public static List<JobTotals> totals(String jobId) {
        return of(Topics.JOBS, JobTotals.class, JobTotals::jobId, jobId);
    }

    private static <T> List<T> of(String topic, Class<T> type, Function<T, String> jobOf, String jobId) {
        return all(topic).stream().map(r -> decode(r, type)).filter(m -> jobId.equals(jobOf.apply(m))).toList();
    }

    private static <T> T decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return JsonCodec.decode(record.value(), type);
    }
}
