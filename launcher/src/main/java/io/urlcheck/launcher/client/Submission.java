package io.urlcheck.launcher.client;

/** The producer's answer to {@code POST /api/jobs}: the job id and how each line was counted. */
public record Submission(String jobId, long submitted, long accepted, long rejected, long duplicates, long skipped) {

    /** How many results the sink will hold for this job. */
    public long expected() {
        return accepted + rejected;
    }
}
