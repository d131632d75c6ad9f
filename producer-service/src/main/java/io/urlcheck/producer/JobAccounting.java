package io.urlcheck.producer;

import io.urlcheck.contract.JobTotals;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The running counts of one job. Every line lands in exactly one bucket, so
 * {@code submitted == accepted + rejected + duplicates + skipped} holds after each call. Thread-safe:
 * one reader thread writes while progress publishers and {@code GET} read.
 */
public final class JobAccounting {

    private final String jobId;
    private final Instant startedAt;
    private final String contributor;
    private final boolean openEnded;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean complete;
    private volatile Instant updatedAt;

    /** The accounting of a whole job (a submission): no contributor, not open-ended. */
    public JobAccounting(String jobId, Instant startedAt) {
        this(jobId, startedAt, null, false);
    }

    /**
     * The accounting of one contributor's part of a job.
     *
     * @param contributor which producer process's part this is; the sink adds up the parts (see {@link JobTotals})
     * @param openEnded   true for a job with no end the producer can see (an intake job)
     */
    public JobAccounting(String jobId, Instant startedAt, String contributor, boolean openEnded) {
        this.jobId = jobId;
        this.startedAt = startedAt;
        this.updatedAt = startedAt;
        this.contributor = contributor;
        this.openEnded = openEnded;
    }

    public String jobId() {
        return jobId;
    }

    public void accepted() {
        accepted.incrementAndGet();
    }

    public void rejected() {
        rejected.incrementAndGet();
    }

    public void duplicate() {
        duplicates.incrementAndGet();
    }

    public void skipped() {
        skipped.incrementAndGet();
    }

    /** Marks the whole submission read (or, for a contributor, its part closed): the totals are final. */
    public void complete() {
        complete = true;
    }

    public boolean isComplete() {
        return complete;
    }

    /** A consistent-enough snapshot of the counts as the wire message, stamped {@code now}. */
    public JobTotals snapshot(Instant now) {
        updatedAt = now;
        return totalsAt(now);
    }

    /** The counts as of now, without stamping a new update time; for reads such as {@code GET}. */
    public JobTotals current() {
        return totalsAt(updatedAt);
    }

    private JobTotals totalsAt(Instant updated) {
        long a = accepted.get();
        long r = rejected.get();
        long d = duplicates.get();
        long s = skipped.get();
        return new JobTotals(JobTotals.SCHEMA_VERSION, jobId, a + r + d + s, a, r, d, s, complete, startedAt, updated,
                contributor, openEnded);
    }

    /** The time of the last snapshot. */
    public Instant updatedAt() {
        return updatedAt;
    }
}
