package io.urlcheck.launcher.stack;

import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.WritablePartitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The pipeline's topics on a local stack's broker: created, then waited for until every partition takes writes. */
public final class StackTopics {

    private StackTopics() {
    }

    /**
     * Creates every topic of {@link Topics#ALL} (one already there is kept) and returns once all their partitions
     * accept writes, within {@code timeout}. The timeout is the call's own, not the admin client's default: the
     * stack's admin client gives up on a request after 2 s, to poll a starting broker quickly, and a broker busy
     * with the services booting beside it on a small machine can take longer than that to create the topics.
     * The client then retries, and the topics the first attempt created count as created.
     */
    public static void create(Admin admin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : Topics.ALL) {
                topics.add(newTopic(name));
            }
            try {
                admin.createTopics(topics, new CreateTopicsOptions().timeoutMs(millis(timeout)))
                        .all().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StackException("could not create the topics: " + e.getCause().getMessage(), e.getCause());
                }
            }
            Map<String, Integer> partitions = new LinkedHashMap<>();
            topics.forEach(topic -> partitions.put(topic.name(), topic.numPartitions()));
            WritablePartitions.await(admin, partitions, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (ExecutionException e) {
            throw new StackException("the topics' partitions do not accept writes: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted creating topics", e);
        } catch (TimeoutException e) {
            throw new StackException("creating the topics timed out: " + e.getMessage(), e);
        }
    }

    private static NewTopic newTopic(String name) {
        NewTopic topic = new NewTopic(name, partitions(name), (short) 1);
        if (name.equals(Topics.MONITORS)) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MONITORS_MAX_MESSAGE_BYTES)));
        } else if (Topics.COMPACTED.contains(name)) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }

    private static int partitions(String topic) {
        if (topic.equals(Topics.REQUESTS)) {
            return LocalStack.REQUEST_PARTITIONS;
        }
        if (topic.equals(Topics.RESULTS) || topic.equals(Topics.INTAKE)) {
            return 4;
        }
        return 1;
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
