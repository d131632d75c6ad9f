package io.urlcheck.producer.api;

import io.urlcheck.contract.JobTotals;

/** The body of a {@code 202} answer to {@code POST /api/jobs}: the job id and how its inputs were counted. */
public record JobReceipt(String jobId, long submitted, long accepted, long rejected, long duplicates, long skipped) {

    static JobReceipt of(JobTotals totals) {
        return new JobReceipt(totals.jobId(), totals.submitted(), totals.accepted(), totals.rejected(),
                totals.duplicates(), totals.skipped());
    }
}
