package io.urlcheck.systemtests.chaos;

import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.testkit.TargetServer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One loopback target per partition of {@code urlcheck.requests}: requests are keyed by host, so the
 * fleet picks addresses 127.0.0.x whose key lands on each partition in turn (Kafka's own murmur2
 * partitioner). Every worker of a group then owns some hosts, and killing any one of them interrupts work.
 */
public final class TargetFleet implements AutoCloseable {

    private final List<String> hosts = new ArrayList<>();
    private final List<TargetServer> servers = new ArrayList<>();

    private TargetFleet() {
    }

    /** Starts one target for each of the stack's request partitions. */
    public static TargetFleet start() {
        return start(LocalStack.REQUEST_PARTITIONS);
    }

    /** Starts one target on a loopback address for each of {@code partitions} partitions. */
    public static TargetFleet start(int partitions) {
        TargetFleet fleet = new TargetFleet();
        boolean[] covered = new boolean[partitions];
        for (int last = 2; last < 255 && fleet.hosts.size() < partitions; last++) {
            String host = "127.0.0." + last;
            int partition = partitionOf(host, partitions);
            if (!covered[partition]) {
                covered[partition] = true;
                fleet.hosts.add(host);
                fleet.servers.add(TargetServer.start(host));
            }
        }
        return fleet;
    }

    /** The partition the producer's default partitioner gives a request keyed by {@code host}. */
    static int partitionOf(String host, int partitions) {
        return Utils.toPositive(Utils.murmur2(host.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * {@code n} distinct URLs, spread round-robin over the hosts, each answering 200 after {@code delayMs};
     * {@code tag} keeps them apart from other tests' URLs in a shared sink.
     */
    public List<String> delayedUrls(String tag, int n, long delayMs) {
        List<String> urls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int h = i % hosts.size();
            urls.add(url(h, "/delay/" + delayMs + "?run=" + tag + "&n=" + i));
        }
        return urls;
    }

    /** The URL of {@code pathAndQuery} on host number {@code index}. */
    public String url(int index, String pathAndQuery) {
        return "http://" + hosts.get(index) + ":" + servers.get(index).port() + pathAndQuery;
    }

    /** The target server on host number {@code index}, for stubs and hit counts. */
    public TargetServer server(int index) {
        return servers.get(index);
    }

    /** The loopback address of host number {@code index}. */
    public String host(int index) {
        return hosts.get(index);
    }

    /** How many hosts (one per partition). */
    public int size() {
        return hosts.size();
    }

    @Override
    public void close() {
        servers.forEach(TargetServer::close);
    }
}
