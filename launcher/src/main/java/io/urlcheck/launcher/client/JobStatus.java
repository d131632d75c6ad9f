package io.urlcheck.launcher.client;

import java.util.Map;
import java.util.TreeMap;

/**
 * A job's progress as the sink reports it ({@code GET /api/jobs/{id}}); {@code done} once the producer
 * has read the whole submission and every expected result has arrived.
 */
public record JobStatus(String jobId, long submitted, long accepted, long rejected, long duplicates, long skipped,
                        long expected, long checked, long remaining, Double ratePerSecond, Double etaSeconds,
                        boolean complete, boolean done, String startedAt, String updatedAt,
                        Map<String, Long> outcomes) {

    public JobStatus {
        outcomes = outcomes == null ? Map.of() : new TreeMap<>(outcomes);
    }

    /** Results whose outcome is anything but {@code OK}. */
    public long notOk() {
        return outcomes.entrySet().stream().filter(e -> !e.getKey().equals("OK")).mapToLong(Map.Entry::getValue).sum();
    }
}
