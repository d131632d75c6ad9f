package io.urlcheck.launcher.client;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sink's aggregate view ({@code GET /api/summary}): counts, latency percentiles, slowest URLs, failing
 * hosts, each field with the JSON type the sink's {@code Summary} writes (held by the sink's
 * {@code LauncherReadsWhatTheSinkWritesTest}).
 */
public record Summary(long total, Map<String, Long> byOutcome, Map<String, Long> byStatusClass, Latency latencyMs,
                      List<SlowUrl> slowest, List<FailingHost> failingHosts) {

    public Summary {
        byOutcome = byOutcome == null ? Map.of() : new TreeMap<>(byOutcome);
        byStatusClass = byStatusClass == null ? Map.of() : new TreeMap<>(byStatusClass);
        latencyMs = latencyMs == null ? new Latency(null, null, null) : latencyMs;
        slowest = slowest == null ? List.of() : List.copyOf(slowest);
        failingHosts = failingHosts == null ? List.of() : List.copyOf(failingHosts);
    }

    /** Response-time percentiles in whole milliseconds; null when nothing was measured. */
    public record Latency(Long p50, Long p90, Long p99) {
    }

    /** One of the slowest URLs. */
    public record SlowUrl(String url, Long responseTimeMs) {
    }

    /** A host and how many of its checks failed. */
    public record FailingHost(String host, long failures) {
    }
}
