package io.urlcheck.launcher.stack;

import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.WritablePartitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local stack's topics: every one of {@link Topics#ALL} with its partition count and, for the compacted ones,
 * its cleanup policy. The one place a local broker's layout is spelled; {@link BrokerTemplate} bakes it into the
 * template every local broker starts from, and {@link #create} makes sure of it on a running broker.
 */
public final class StackTopics {

    /** Partitions of {@link Topics#REQUESTS}: the most workers that can share the checking. */
    static final int REQUEST_PARTITIONS = 8;

    private StackTopics() {
    }

    /** Every topic of the stack, in {@link Topics#ALL}'s order. */
    public static List<NewTopic> all() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            NewTopic topic = new NewTopic(name, partitions(name), (short) 1);
            if (name.equals(Topics.MONITORS)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MONITORS_MAX_MESSAGE_BYTES)));
            } else if (Topics.COMPACTED.contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        }
        return topics;
    }

    private static int partitions(String topic) {
        if (topic.equals(Topics.REQUESTS)) {
            return REQUEST_PARTITIONS;
        }
        if (topic.equals(Topics.RESULTS) || topic.equals(Topics.INTAKE)) {
            return 4;
        }
        return 1;
    }

    /**
     * A short digest of the layout (names, partitions, configs): a template baked from another layout is another
     * template, so changing a topic here never starts a broker on a stale one.
     */
    static String fingerprint() {
        return fingerprint(all());
    }

    static String fingerprint(List<NewTopic> topics) {
        StringBuilder text = new StringBuilder();
        for (NewTopic topic : topics) {
            text.append(topic.name()).append(':').append(topic.numPartitions()).append(':')
                    .append(new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs())).append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Creates whichever topics the broker lacks (on a broker from the template: none) and returns once every
     * partition accepts writes (see {@link WritablePartitions}).
     */
    static void create(Admin admin, Duration timeout) {
        List<NewTopic> topics = all();
        try {
            try {
                admin.createTopics(topics).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StackException("could not create the topics: " + e.getCause().getMessage(), e.getCause());
                }
            }
            Map<String, Integer> partitions = new LinkedHashMap<>();
            topics.forEach(topic -> partitions.put(topic.name(), topic.numPartitions()));
            WritablePartitions.await(admin, partitions, timeout);
        } catch (ExecutionException e) {
            throw new StackException("the topics' partitions do not accept writes: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted creating topics", e);
        } catch (TimeoutException e) {
            throw new StackException("creating the topics timed out: " + e.getMessage(), e);
        }
    }
}
