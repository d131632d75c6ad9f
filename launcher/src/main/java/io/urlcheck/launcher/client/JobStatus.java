package io.urlcheck.launcher.client;

import io.urlcheck.contract.Outcome;

import java.util.Map;
import java.util.TreeMap;

/**
 * A job's progress as the sink reports it ({@code GET /api/jobs/{id}}); {@code done} once the producer
 * has read the whole submission and every expected result has arrived. {@code openEnded} marks a job fed
 * through the intake topic: until every producer has closed its part it is not {@code complete}, and its
 * counts are those so far (absent from an older sink, so false). Each field has the JSON type the sink's
 * {@code JobProgress} writes ({@code etaSeconds} whole seconds), which the sink's
 * {@code LauncherReadsWhatTheSinkWritesTest} holds to.
 */
public record JobStatus(String jobId, long submitted, long accepted, long rejected, long duplicates, long skipped,
                        long expected, long checked, long remaining, Double ratePerSecond, Long etaSeconds,
                        boolean complete, boolean done, String startedAt, String updatedAt,
                        Map<String, Long> outcomes, boolean openEnded) {

    public JobStatus {
        outcomes = outcomes == null ? Map.of() : new TreeMap<>(outcomes);
    }

    /** The progress of a job with an end (a submission): not open-ended. */
    public JobStatus(String jobId, long submitted, long accepted, long rejected, long duplicates, long skipped,
                     long expected, long checked, long remaining, Double ratePerSecond, Long etaSeconds,
                     boolean complete, boolean done, String startedAt, String updatedAt, Map<String, Long> outcomes) {
        this(jobId, submitted, accepted, rejected, duplicates, skipped, expected, checked, remaining, ratePerSecond,
                etaSeconds, complete, done, startedAt, updatedAt, outcomes, false);
    }

    /** Results whose outcome is a failure: anything but {@code OK} and {@code SKIPPED}. */
    public long notOk() {
        // SKIPPED was deliberately not checked (--exclude, a relative link without --base): not a failure.
        return outcomes.entrySet().stream()
                .filter(e -> !e.getKey().equals(Outcome.OK.name()) && !e.getKey().equals(Outcome.SKIPPED.name()))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
