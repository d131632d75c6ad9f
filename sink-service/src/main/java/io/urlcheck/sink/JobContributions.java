package io.urlcheck.sink;

import io.urlcheck.contract.JobTotals;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The totals of one job as its contributors reported them, and their sum: the one place the sink's
 * stores merge a job's totals. A job read by several producers (an intake job) has one contributor per
 * producer process, each publishing the running totals of its own part; a job submitted whole has one,
 * without a contributor id. Each contributor's latest totals count (a contributor's older record, e.g.
 * one redelivered, never replaces its newer ones; a whole job's latest record wins as it arrives, since a
 * re-submission may come from another producer whose clock is behind), and the job's totals add them up:
 * <ul>
 *   <li>every count is the sum of the contributors' counts, so
 *       {@code submitted == accepted + rejected + duplicates + skipped} still holds;</li>
 *   <li>{@code complete} once every contributor is complete: none will add more;</li>
 *   <li>{@code openEnded} when any contributor is open-ended;</li>
 *   <li>{@code startedAt} the earliest and {@code updatedAt} the latest of the contributors'.</li>
 * </ul>
 * Not thread-safe: the stores call it under their own locks.
 */
public final class JobContributions {

    /** The contributor id the totals of a whole job (no contributor) are kept under. */
    public static final String WHOLE_JOB = "";

    private final Map<String, JobTotals> latest = new TreeMap<>();

    /** The contributions of one job as the store holds them (one per contributor). */
    public static JobContributions of(Collection<JobTotals> parts) {
        JobContributions c = new JobContributions();
        parts.forEach(c::put);
        return c;
    }

    /** The key a contribution is kept under: its contributor id, {@link #WHOLE_JOB} without one. */
    public static String contributorOf(JobTotals t) {
        return t.contributor() == null ? WHOLE_JOB : t.contributor();
    }

    /** Keeps {@code t} as its contributor's latest totals unless that contributor's kept ones are newer; true when kept. */
    public boolean put(JobTotals t) {
        JobTotals kept = latest.get(contributorOf(t));
        if (t.contributor() != null && kept != null && t.updatedAt() != null && kept.updatedAt() != null && t.updatedAt().isBefore(kept.updatedAt())) {
            return false;
        }
        latest.put(contributorOf(t), t);
        return true;
    }

    /** True when {@code t}'s contributor has reported before. */
    public boolean knows(JobTotals t) {
        return latest.containsKey(contributorOf(t));
    }

    /** Each contributor's latest totals, by contributor id. */
    public List<JobTotals> parts() {
        return List.copyOf(latest.values());
    }

    /** The job's totals, the sum of its contributors' (contributor null); null before any arrived. */
    public JobTotals merged() {
        if (latest.isEmpty()) {
            return null;
        }
        String jobId = null;
        long submitted = 0, accepted = 0, rejected = 0, duplicates = 0, skipped = 0;
        boolean complete = true;
        boolean openEnded = false;
        Instant startedAt = null;
        Instant updatedAt = null;
        for (JobTotals t : latest.values()) {
            jobId = t.jobId();
            submitted += t.submitted();
            accepted += t.accepted();
            rejected += t.rejected();
            duplicates += t.duplicates();
            skipped += t.skipped();
            complete &= t.complete();
            openEnded |= t.openEnded();
            startedAt = startedAt == null || (t.startedAt() != null && t.startedAt().isBefore(startedAt)) ? t.startedAt() : startedAt;
            updatedAt = updatedAt == null || (t.updatedAt() != null && t.updatedAt().isAfter(updatedAt)) ? t.updatedAt() : updatedAt;
        }
        return new JobTotals(JobTotals.SCHEMA_VERSION, jobId, submitted, accepted, rejected, duplicates, skipped, complete,
                startedAt, updatedAt, null, openEnded);
    }
}
