package io.urlcheck.contract;

import java.time.Instant;

/**
 * The producer's account of one job, or of one producer's part of a job, published to {@link Topics#JOBS}
 * under {@link #recordKey()}. Every line submitted is counted in exactly one bucket, so
 * {@code submitted == accepted + rejected + duplicates + skipped}; the sink expects
 * {@code accepted + rejected} results for the job.
 *
 * <p>A job fed through {@code urlcheck.intake} is read by every producer in the consumer group at once,
 * so each producer process publishes its own part as a <em>contributor</em>, and the sink adds up the
 * latest totals of every contributor of the job. A job submitted whole to one producer has no
 * contributor (null): its latest totals replace the earlier ones, as they always have.
 *
 * <p>The schema evolves compatibly, still {@link #SCHEMA_VERSION} 1: {@code contributor} and
 * {@code openEnded} were added later. A record written before (without them) decodes with
 * {@code contributor == null} and {@code openEnded == false}, which is exactly what it meant; an older
 * reader ignores the two fields (unknown fields are ignored, see {@link JsonCodec}). The ten-argument
 * constructor stays for the same reason: code that builds a whole job's totals need not know them.
 *
 * @param submitted   lines (or records) read
 * @param accepted    unique valid URLs published as check requests
 * @param rejected    inputs the producer answered itself, each with a result: invalid ones ({@link Outcome#INVALID_URL})
 *                    and URLs the job's include/exclude options skip ({@link Outcome#SKIPPED})
 * @param duplicates  lines whose URL the job (for a contributor: its part of the job) already had
 * @param skipped     blank lines and {@code #} comments
 * @param complete    true once the producer has read the whole submission, or (a contributor) will add no
 *                    more to the job; totals only grow until then
 * @param contributor which producer process's part of the job these totals are (at most
 *                    {@link #MAX_CONTRIBUTOR_LENGTH} characters); null for a job's whole totals
 * @param openEnded   true for a job with no end a producer can see (an intake job): more inputs may
 *                    come until every contributor is complete
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
        Instant updatedAt,
        String contributor,
        boolean openEnded) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** The longest contributor id accepted; a longer one is a malformed record. */
    public static final int MAX_CONTRIBUTOR_LENGTH = 128;

    /** Separates job id and contributor in {@link #recordKey()}; a job id never holds it. */
    public static final char KEY_SEPARATOR = '/';

    /** Applies the {@link WireValues} rules to the job id, the contributor and the instants. */
    public JobTotals {
        jobId = WireValues.text(jobId);
        contributor = WireValues.text(contributor);
        if (contributor != null && contributor.length() > MAX_CONTRIBUTOR_LENGTH) {
            throw new IllegalArgumentException("contributor longer than " + MAX_CONTRIBUTOR_LENGTH + " characters");
        }
        WireValues.instant(startedAt, "startedAt");
        WireValues.instant(updatedAt, "updatedAt");
    }

    /** A whole job's totals, without contributor: what a submission, or a record of schema 1 before contributors, says. */
    public JobTotals(int schemaVersion, String jobId, long submitted, long accepted, long rejected, long duplicates,
                     long skipped, boolean complete, Instant startedAt, Instant updatedAt) {
        this(schemaVersion, jobId, submitted, accepted, rejected, duplicates, skipped, complete, startedAt, updatedAt,
                null, false);
    }

    /** How many results the sink should receive for this job. */
    public long expectedResults() {
        return accepted + rejected;
    }

    /**
     * The key on {@link Topics#JOBS}: the job id, or {@code jobId/contributor} for a contributor's part, so
     * that compaction keeps the latest totals of every contributor and one contributor's totals stay in order.
     */
    public String recordKey() {
        return contributor == null ? jobId : jobId + KEY_SEPARATOR + contributor;
    }
}
