package io.urlcheck.contract;

import java.time.Instant;

/**
 * The producer's account of one job, published to {@link Topics#JOBS} keyed by job id. Every line
 * submitted is counted in exactly one bucket, so
 * {@code submitted == accepted + rejected + duplicates + skipped}; the sink expects
 * {@code accepted + rejected} results for the job.
 *
 * @param submitted  lines (or records) read
 * @param accepted   unique valid URLs published as check requests
 * @param rejected   invalid inputs, each published as an {@link Outcome#INVALID_URL} result
 * @param duplicates lines whose URL the job already had
 * @param skipped    blank lines and {@code #} comments
 * @param complete   true once the producer has read the whole submission; totals only grow until then
 */
public record JobTotals(
        int schemaVersion,
        String jobId,
        long submitted,
        long accepted,
        long rejected,
        long duplicates,
        long skipped,
        boolean complete,
        Instant startedAt,
        Instant updatedAt) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Applies the {@link WireValues} rules to the job id and the instants. */
    public JobTotals {
        jobId = WireValues.text(jobId);
        WireValues.instant(startedAt, "startedAt");
        WireValues.instant(updatedAt, "updatedAt");
    }

    /** How many results the sink should receive for this job. */
    public long expectedResults() {
        return accepted + rejected;
    }
}
