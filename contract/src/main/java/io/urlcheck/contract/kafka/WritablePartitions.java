package io.urlcheck.contract.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until the partitions of new topics accept writes. {@code CreateTopics} returns once the controller has
 * committed the topics, and a broker publishes them to its metadata before it has made itself their leader; a
 * produce request in between is refused with {@code NOT_LEADER_OR_FOLLOWER} and retried. If an idempotent
 * producer's next batch to that partition is accepted meanwhile (the broker holds no state for the producer
 * yet, so any sequence is accepted), the first batch is refused as out of order on every retry until its
 * delivery timeout (KAFKA-14359): two minutes after a stack was ready, its first job failed. Listing the latest
 * offsets passes the same leader check as a produce, and the admin client retries it while the leader is not
 * ready, so a stack that waits for it starts its services on partitions that accept their first batch.
 */
public final class WritablePartitions {

    private static final long UNKNOWN_TOPIC_BACKOFF_MS = 100;

    private WritablePartitions() {
    }

    /**
     * Returns once every partition of {@code partitionsByTopic} (topic name to partition count) has a leader
     * that accepts writes. A topic that does not exist yet is waited for too.
     *
     * @throws TimeoutException when some partition has no such leader within {@code timeout}
     * @throws ExecutionException when the broker refuses the request for another reason (authorization...)
     */
    public static void await(Admin admin, Map<String, Integer> partitionsByTopic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitionsByTopic.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                throw noLeader(partitionsByTopic, timeout, "the broker does not know them");
            }
            try {
                admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, leftMs)))
                        .all().get(leftMs + 1_000, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    // Created, but not in this broker's metadata yet; or not created yet. The admin client gives
                    // up on an unknown topic at once, so the wait is ours.
                    Thread.sleep(UNKNOWN_TOPIC_BACKOFF_MS);
                } else if (e.getCause() instanceof RetriableException) {
                    // The admin client's own retries ran out (its timeout): still no leader.
                    throw noLeader(partitionsByTopic, timeout, e.getCause().getMessage());
                } else {
                    throw e;
                }
            }
        }
    }

    private static TimeoutException noLeader(Map<String, Integer> partitionsByTopic, Duration timeout, String why) {
        return new TimeoutException("partitions of " + partitionsByTopic.keySet() + " had no leader accepting writes after "
                + timeout + ": " + why);
    }
}
