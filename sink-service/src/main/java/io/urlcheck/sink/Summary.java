package io.urlcheck.sink;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/summary}: counts, latency percentiles, the slowest URLs and the hosts
 * that fail most, over the latest result per URL (of one job, when asked).
 */
@JsonPropertyOrder({"total", "byOutcome", "byStatusClass", "latencyMs", "slowest", "failingHosts"})
public record Summary(long total, Map<String, Long> byOutcome, Map<String, Long> byStatusClass, Latency latencyMs,
                      List<Slow> slowest, List<FailingHost> failingHosts) {

    /** How many entries {@link #slowest} and {@link #failingHosts} hold at most. */
    public static final int TOP = 10;

    /** Nearest-rank percentiles of {@code responseTimeMs}; null when no result has one. */
    public record Latency(Long p50, Long p90, Long p99) {
    }

    /** One of the slowest URLs. */
    public record Slow(String url, long responseTimeMs) {
    }

    /** A host and how many of its URLs failed (any outcome but OK; rejected input has no host). */
    public record FailingHost(String host, long failures) {
    }
}
