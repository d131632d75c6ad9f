package io.urlcheck.producer;

import io.urlcheck.contract.JobTotals;

import java.util.Optional;

/**
 * The totals producers published for whole jobs (on {@code urlcheck.jobs}), for a job this producer did not take:
 * with several producers behind one Service, the {@code GET} that follows a {@code 202}'s {@code Location} reaches
 * any of them, and must answer for a job another one took.
 */
public interface PublishedTotals {

    /**
     * The latest totals published for the whole job {@code jobId} (not an intake job's parts), if any is recent
     * enough to be looked for; every totals record acknowledged before the call is seen.
     *
     * @throws Unavailable when they cannot be read now (an outage: the caller may ask again)
     */
    Optional<JobTotals> find(String jobId);

    /** The published totals could not be read now. */
    final class Unavailable extends RuntimeException {

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
