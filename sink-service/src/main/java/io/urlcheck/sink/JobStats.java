package io.urlcheck.sink;

import io.urlcheck.contract.JobTotals;

import java.time.Instant;
import java.util.Map;

/**
 * What a store knows about one job: the producers' totals, summed over contributors by
 * {@link JobContributions} (null until they arrive), and what the results say so far.
 *
 * @param checked       distinct URLs with at least one result in this job
 * @param outcomes      per outcome, how many of those URLs' latest result in this job has it
 * @param firstResultAt when the earliest result of the job was checked, null without results
 * @param lastResultAt  when the latest result of the job was checked, null without results
 */
public record JobStats(String jobId, JobTotals totals, long checked, Map<String, Long> outcomes,
                       Instant firstResultAt, Instant lastResultAt) {
}
