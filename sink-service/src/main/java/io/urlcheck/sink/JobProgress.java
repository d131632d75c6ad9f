package io.urlcheck.sink;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The progress of one job, the body of {@code GET /api/jobs/{id}}: the producers' totals (summed over
 * contributors, see {@link JobContributions}), how many results arrived, and whether the job is done
 * ({@code complete && checked >= expected}). An open-ended job (an intake job, fed from the intake topic
 * with no end a producer can see) says so with {@code openEnded}: until every producer has closed its
 * part it is not {@code complete}, has no ETA, and its counts are those so far.
 *
 * @param ratePerSecond results per second since the job started (until its last result once done)
 * @param etaSeconds    seconds until done at that rate; 0 once done, null while no rate is known
 */
@JsonPropertyOrder({"jobId", "submitted", "accepted", "rejected", "duplicates", "skipped", "expected", "checked",
        "remaining", "ratePerSecond", "etaSeconds", "openEnded", "complete", "done", "startedAt", "updatedAt", "outcomes"})
public record JobProgress(String jobId, long submitted, long accepted, long rejected, long duplicates, long skipped,
                          long expected, long checked, long remaining, double ratePerSecond, Long etaSeconds,
                          boolean openEnded, boolean complete, boolean done, Instant startedAt, Instant updatedAt,
                          Map<String, Long> outcomes) {

    /** Derives the progress from what a store knows, as of {@code now}. */
    public static JobProgress of(JobStats s, Instant now) {
        var t = s.totals();
        long expected = t == null ? 0 : t.expectedResults();
        boolean complete = t != null && t.complete();
        boolean openEnded = t != null && t.openEnded();
        boolean done = complete && s.checked() >= expected;
        long remaining = Math.max(0, expected - s.checked());
        Instant startedAt = earliest(t == null ? null : t.startedAt(), s.firstResultAt());
        Instant updatedAt = latest(t == null ? null : t.updatedAt(), s.lastResultAt());
        Instant until = done && s.lastResultAt() != null ? s.lastResultAt() : now;
        double rate = rate(s.checked(), startedAt, until);
        Long eta = done ? Long.valueOf(0) : rate > 0 && complete ? (long) Math.ceil(remaining / rate) : null;
        return new JobProgress(s.jobId(),
                t == null ? 0 : t.submitted(), t == null ? 0 : t.accepted(), t == null ? 0 : t.rejected(),
                t == null ? 0 : t.duplicates(), t == null ? 0 : t.skipped(),
                expected, s.checked(), remaining, rate, eta, openEnded, complete, done, startedAt, updatedAt, s.outcomes());
    }

    static double rate(long checked, Instant from, Instant until) {
        if (checked == 0 || from == null || until == null) {
            return 0;
        }
        long millis = Math.max(1, Duration.between(from, until).toMillis());
        return Math.round(checked * 1000.0 / millis * 100.0) / 100.0;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
