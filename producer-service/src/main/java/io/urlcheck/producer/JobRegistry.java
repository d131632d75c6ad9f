package io.urlcheck.producer;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs this producer knows: the ones being read now and the most recent finished ones, for
 * {@code GET /api/jobs/{id}} and to refuse a second concurrent submission of the same job. Thread-safe.
 */
public final class JobRegistry {

    private final int remembered;
    private final Set<String> running = new HashSet<>();
    private final Map<String, JobAccounting> recent;

    public JobRegistry(int remembered) {
        this.remembered = remembered;
        this.recent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JobAccounting> eldest) {
                return size() > JobRegistry.this.remembered;
            }
        };
    }

    /** Claims {@code jobId} for a new submission; false if it is being submitted already. */
    public synchronized boolean start(JobAccounting job) {
        if (!running.add(job.jobId())) {
            return false;
        }
        recent.remove(job.jobId());
        recent.put(job.jobId(), job);
        return true;
    }

    /** Remembers a job fed some other way than a submission (an intake job), for {@code GET}. */
    public synchronized void remember(JobAccounting job) {
        recent.remove(job.jobId());
        recent.put(job.jobId(), job);
    }

    /** Releases the claim taken by {@link #start}. */
    public synchronized void finish(String jobId) {
        running.remove(jobId);
    }

    public synchronized Optional<JobAccounting> find(String jobId) {
        return Optional.ofNullable(recent.get(jobId));
    }
}
