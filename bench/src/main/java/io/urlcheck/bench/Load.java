package io.urlcheck.bench;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The load a worker scenario puts on the worker and the target, read from the options every worker scenario
 * takes: {@code --urls}, {@code --concurrency} (checks in flight), {@code --latency-ms} (the target's),
 * {@code --partitions} (of {@code urlcheck.requests}), {@code --max-per-host}, and {@code --hosts} (64 by
 * default, balanced over the partitions, see {@link Hosts#balanced}). Each scenario gives its own defaults; one that
 * counts its URLs with options of its own (p4, p5) leaves {@code urls} at 0.
 */
record Load(int urls, int concurrency, int latencyMs, int partitions, int maxPerHost, List<String> hosts) {

    /**
     * Reads the load from {@code o}; {@code --max-per-host} defaults to {@code maxPerHost} applied to the rest of
     * the load (a fixed cap, or one derived from the {@link #fairShare()}).
     */
    static Load read(Options o, int urls, int concurrency, int latencyMs, int partitions, ToIntFunction<Load> maxPerHost) {
        return read(o, urls, concurrency, latencyMs, partitions, 64, maxPerHost);
    }

    /** As {@link #read(Options, int, int, int, int, ToIntFunction)}, with {@code hosts} as the default host count. */
    static Load read(Options o, int urls, int concurrency, int latencyMs, int partitions, int hosts, ToIntFunction<Load> maxPerHost) {
        int p = o.integer("partitions", partitions);
        Load load = new Load(o.integer("urls", urls), o.integer("concurrency", concurrency), o.integer("latency-ms", latencyMs),
                p, 0, Hosts.balanced(o.integer("hosts", hosts), p));
        return new Load(load.urls, load.concurrency, load.latencyMs, p, o.integer("max-per-host", maxPerHost.applyAsInt(load)),
                load.hosts);
    }

    /** The same load with {@code count} URLs. */
    Load withUrls(int count) {
        return new Load(count, concurrency, latencyMs, partitions, maxPerHost, hosts);
    }

    /** Checks in flight per host if they were spread evenly over the hosts (rounded up). */
    int fairShare() {
        return (int) Math.ceil(concurrency / (double) hosts.size());
    }

    /** Starts the target on this load's hosts with its latency. */
    TargetFarm target(Bench bench, boolean keepAlive) {
        return bench.target(hosts, latencyMs, keepAlive);
    }
}
