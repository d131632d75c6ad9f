package io.urlcheck.bench;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct loopback hosts the target listens on: 127.0.0.1, 127.0.0.2, ... (past 250 it goes on at
 * 127.0.1.1). Each is a separate host to the worker's per-host limiter and connection pool, as on the
 * real web. Linux routes all of 127.0.0.0/8 to loopback, so no setup is needed.
 */
public final class Hosts {

    private Hosts() {
    }

    /** The {@code i}-th (0-based) loopback address. */
    public static String address(int i) {
        return "127.0." + (i / 250) + "." + (i % 250 + 1);
    }

    /** The first {@code count} addresses. */
    public static List<String> first(int count) {
        List<String> hosts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hosts.add(address(i));
        }
        return hosts;
    }

    /**
     * {@code count} addresses chosen so that Kafka's default partitioner (murmur2 of the key, which is the
     * host) spreads them evenly over {@code partitions}: every partition gets count / partitions hosts.
     * With hosts picked blindly, hash skew alone leaves one consumer of a group 10-20 % more work than
     * another, and a scale-out figure would measure that luck rather than the workers.
     */
    public static List<String> balanced(int count, int partitions) {
        if (partitions <= 1 || count % partitions != 0) {
            return first(count);
        }
        int perPartition = count / partitions;
        Map<Integer, List<String>> byPartition = new LinkedHashMap<>();
        List<String> chosen = new ArrayList<>(count);
        for (int i = 0; chosen.size() < count; i++) {
            if (i >= 250 * 250) {
                throw new IllegalStateException("cannot balance " + count + " hosts over " + partitions + " partitions");
            }
            String host = address(i);
            int partition = partitionOf(host, partitions);
            List<String> bucket = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
            if (bucket.size() < perPartition) {
                bucket.add(host);
                chosen.add(host);
            }
        }
        return chosen;
    }

    /** The partition Kafka's default partitioner gives a record keyed by {@code host}. */
    public static int partitionOf(String host, int partitions) {
        return Utils.toPositive(Utils.murmur2(host.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
