package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Keeps a {@link Summary} up to date as latest results come and go, so that asking for it costs
 * nothing like a scan: the JSON store's way, and the reference for PostgreSQL's aggregate tables.
 * Response times are counted per exact value, so the percentiles are exact. Not thread-safe.
 */
public final class SummaryCalculator {

    private static final Outcome[] OUTCOMES = Outcome.values();

    private long total;
    private final long[] byOutcome = new long[OUTCOMES.length];
    private final long[] byStatusClass = new long[6]; // index 0: none; 1..5: 1xx..5xx
    private final NavigableMap<Long, Long> urlsByResponseTime = new TreeMap<>();
    private final Map<String, Long> failuresByHost = new HashMap<>();
    private final SlowestUrls slowest = new SlowestUrls();

    /** Counts one result, the latest of its URL. */
    public void add(CheckResult r) {
        apply(r, 1);
    }

    /** Forgets a result counted before (one that another result of its URL replaced). */
    public void remove(CheckResult r) {
        apply(r, -1);
    }

    /** {@code incoming} becomes its URL's latest result in place of {@code replaced}, null when there was none. */
    public void replace(CheckResult replaced, CheckResult incoming) {
        if (replaced != null) {
            remove(replaced);
        }
        add(incoming);
    }

    private void apply(CheckResult r, int n) {
        total += n;
        byOutcome[r.outcome().ordinal()] += n;
        Integer status = r.statusCode();
        byStatusClass[status == null || status < 100 || status > 599 ? 0 : status / 100] += n;
        if (r.responseTimeMs() != null) {
            urlsByResponseTime.merge(r.responseTimeMs(), (long) n, (a, b) -> a + b == 0 ? null : a + b);
            if (n > 0) {
                slowest.add(r.url(), r.responseTimeMs());
            } else {
                slowest.remove(r.url(), r.responseTimeMs());
            }
        }
        if (r.outcome().isFailure() && r.host() != null) {
            failuresByHost.merge(r.host(), (long) n, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** How many results are counted now. */
    public long total() {
        return total;
    }

    /** How many results have each outcome, by outcome name; outcomes with none are left out. */
    public Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new TreeMap<>();
        for (Outcome o : OUTCOMES) {
            if (byOutcome[o.ordinal()] > 0) {
                outcomes.put(o.name(), byOutcome[o.ordinal()]);
            }
        }
        return outcomes;
    }

    /** The summary of everything counted now. */
    public Summary result() {
        Map<String, Long> outcomes = outcomes();
        Map<String, Long> classes = new TreeMap<>();
        for (int c = 0; c < byStatusClass.length; c++) {
            if (byStatusClass[c] > 0) {
                classes.put(c == 0 ? StatusClass.NONE : StatusClass.of(c * 100), byStatusClass[c]);
            }
        }
        return new Summary(total, outcomes, classes, latency(urlsByResponseTime), List.copyOf(slowest.top(Summary.TOP)),
                topFailing(failuresByHost));
    }

    /** Most failures first, then by host name. */
    public static final Comparator<Summary.FailingHost> FAILING_ORDER =
            Comparator.comparingLong(Summary.FailingHost::failures).reversed().thenComparing(Summary.FailingHost::host);

    /** Slowest first; among equals, the greater URL first (the order of PostgreSQL's response-time index). */
    public static final Comparator<Summary.Slow> SLOW_ORDER =
            Comparator.comparingLong(Summary.Slow::responseTimeMs).thenComparing(Summary.Slow::url).reversed();

    /**
     * Nearest-rank percentiles (PostgreSQL's {@code percentile_disc}) of response times given as how
     * many URLs had each value; zero counts are ignored. Null percentiles when there is no value.
     */
    public static Summary.Latency latency(NavigableMap<Long, Long> urlsByResponseTime) {
        long n = 0;
        for (long count : urlsByResponseTime.values()) {
            n += Math.max(0, count);
        }
        if (n == 0) {
            return new Summary.Latency(null, null, null);
        }
        double[] ps = {0.50, 0.90, 0.99};
        Long[] at = new Long[ps.length];
        long seen = 0;
        int next = 0;
        for (var e : urlsByResponseTime.entrySet()) {
            seen += Math.max(0, e.getValue());
            while (next < ps.length && seen >= rank(ps[next], n)) {
                at[next++] = e.getKey();
            }
        }
        return new Summary.Latency(at[0], at[1], at[2]);
    }

    /**
     * The greatest response time at or above which at least {@link Summary#TOP} URLs lie (the least
     * value when fewer URLs have one): the slowest URLs are all at or above it. Null without values.
     */
    public static Long slowestFloor(NavigableMap<Long, Long> urlsByResponseTime) {
        long seen = 0;
        Long floor = null;
        for (var e : urlsByResponseTime.descendingMap().entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            floor = e.getKey();
            seen += e.getValue();
            if (seen >= Summary.TOP) {
                break;
            }
        }
        return floor;
    }

    /** The 1-based rank of the {@code p} percentile among {@code n} sorted values. */
    private static long rank(double p, long n) {
        return Math.max(1, (long) Math.ceil(p * n));
    }

    private static List<Summary.FailingHost> topFailing(Map<String, Long> failuresByHost) {
        PriorityQueue<Summary.FailingHost> top = new PriorityQueue<>(Summary.TOP + 1, FAILING_ORDER.reversed());
        failuresByHost.forEach((host, failures) -> {
            if (failures > 0) {
                top.add(new Summary.FailingHost(host, failures));
                if (top.size() > Summary.TOP) {
                    top.poll();
                }
            }
        });
        List<Summary.FailingHost> out = new ArrayList<>(top);
        out.sort(FAILING_ORDER);
        return List.copyOf(out);
    }
}
