package io.urlcheck.launcher.client;

/**
 * The producer's answer to {@code POST /api/jobs}: the job id and how each line was counted. How many
 * results that makes is the sink's {@code expected} ({@link JobStatus}), from the contract's
 * {@code JobTotals#expectedResults}.
 */
public record Submission(String jobId, long submitted, long accepted, long rejected, long duplicates, long skipped) {
}
