package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes a {@link Summary} in memory, one result at a time: the JSON store's way, and the reference for SQL. */
public final class SummaryCalculator {

    private static final Outcome[] OUTCOMES = Outcome.values();

    private long total;
    private final long[] byOutcome = new long[OUTCOMES.length];
    private final long[] byStatusClass = new long[6]; // index 0: none; 1..5: 1xx..5xx
    private long[] latencies = new long[1024];
    private int latencyCount;
    private final Map<String, Long> failuresByHost = new HashMap<>();
    private final List<Summary.Slow> slowest = new ArrayList<>();

    /** Counts one result, the latest of its URL. */
    public void add(CheckResult r) {
        total++;
        byOutcome[r.outcome().ordinal()]++;
        Integer status = r.statusCode();
        byStatusClass[status == null || status < 100 || status > 599 ? 0 : status / 100]++;
        if (r.responseTimeMs() != null) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencyCount * 2);
            }
            latencies[latencyCount++] = r.responseTimeMs();
            offerSlow(new Summary.Slow(r.url(), r.responseTimeMs()));
        }
        if (r.outcome() != Outcome.OK && r.host() != null) {
            failuresByHost.merge(r.host(), 1L, Long::sum);
        }
    }

    /** The summary of everything added. */
    public Summary result() {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        var latency = new Summary.Latency(percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99));
        List<Summary.FailingHost> hosts = failuresByHost.entrySet().stream()
                .map(e -> new Summary.FailingHost(e.getKey(), e.getValue()))
                .sorted(FAILING_ORDER)
                .limit(Summary.TOP)
                .toList();
        Map<String, Long> outcomes = new TreeMap<>();
        for (Outcome o : OUTCOMES) {
            if (byOutcome[o.ordinal()] > 0) {
                outcomes.put(o.name(), byOutcome[o.ordinal()]);
            }
        }
        Map<String, Long> classes = new TreeMap<>();
        for (int c = 0; c < byStatusClass.length; c++) {
            if (byStatusClass[c] > 0) {
                classes.put(c == 0 ? StatusClass.NONE : StatusClass.of(c * 100), byStatusClass[c]);
            }
        }
        return new Summary(total, outcomes, classes, latency, List.copyOf(slowest), hosts);
    }

    /** Most failures first, then by host name. */
    public static final Comparator<Summary.FailingHost> FAILING_ORDER =
            Comparator.comparingLong(Summary.FailingHost::failures).reversed().thenComparing(Summary.FailingHost::host);

    /** Slowest first; among equals, the greater URL first (the order of PostgreSQL's response-time index). */
    public static final Comparator<Summary.Slow> SLOW_ORDER =
            Comparator.comparingLong(Summary.Slow::responseTimeMs).thenComparing(Summary.Slow::url).reversed();

    /** The nearest-rank percentile (PostgreSQL's {@code percentile_disc}) of sorted values; null when empty. */
    public static Long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private void offerSlow(Summary.Slow candidate) {
        if (slowest.size() == Summary.TOP && SLOW_ORDER.compare(candidate, slowest.get(Summary.TOP - 1)) >= 0) {
            return;
        }
        int at = 0;
        while (at < slowest.size() && SLOW_ORDER.compare(slowest.get(at), candidate) <= 0) {
            at++;
        }
        slowest.add(at, candidate);
        if (slowest.size() > Summary.TOP) {
            slowest.remove(Summary.TOP);
        }
    }
}
