package io.urlcheck.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reuses a computed {@link Summary} while the data under it cannot have changed: nothing was stored
 * through this sink since (the store's version is the same) and it is younger than {@code maxAge},
 * which bounds staleness when other sink replicas write to the same database. Summaries are cheap
 * now (both stores keep aggregates), but dashboards poll them often, and an unchanged store needs
 * no query at all.
 * Computations are serialized, so a burst of polls computes once.
 */
public final class SummaryCache {

    private record Entry(long version, long computedAtNanos, Summary summary) {
    }

    private final long maxAgeNanos;
    private final Map<String, Entry> entries = new HashMap<>();

    public SummaryCache(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The cached summary of {@code jobId} (null: all jobs) at {@code version}, else a fresh one from {@code compute}. */
    public synchronized Summary get(String jobId, long version, Supplier<Summary> compute) {
        String key = jobId == null ? "" : "job:" + jobId;
        Entry e = entries.get(key);
        long now = System.nanoTime();
        if (e != null && e.version() == version && now - e.computedAtNanos() < maxAgeNanos) {
            return e.summary();
        }
        Summary fresh = compute.get();
        if (entries.size() > 1000) {
            entries.clear(); // bounded: job-scoped summaries of long-gone jobs must not pile up
        }
        entries.put(key, new Entry(version, now, fresh));
        return fresh;
    }
}
