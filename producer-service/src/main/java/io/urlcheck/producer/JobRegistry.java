package io.urlcheck.producer;

import io.urlcheck.contract.RecentEntries;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs this producer knows: the ones being read now and the most recent finished ones, for
 * {@code GET /api/jobs/{id}} and to refuse a second concurrent submission of the same job. Thread-safe.
 */
public final class JobRegistry {

    private final Set<String> running = new HashSet<>();
    private final RecentEntries<String, JobAccounting> recent;

    public JobRegistry(int remembered) {
        this.recent = new RecentEntries<>(remembered);
    }

    /** Claims {@code jobId} for a new submission; false if it is being submitted already. */
    public synchronized boolean start(JobAccounting job) {
        if (!running.add(job.jobId())) {
            return false;
        }
        recent.putNewest(job.jobId(), job);
        return true;
    }

    /** Remembers a job fed some other way than a submission (an intake job), for {@code GET}. */
    public synchronized void remember(JobAccounting job) {
        recent.putNewest(job.jobId(), job);
    }

    /** Releases the claim taken by {@link #start}. */
    public synchronized void finish(String jobId) {
        running.remove(jobId);
    }

    public synchronized Optional<JobAccounting> find(String jobId) {
        return Optional.ofNullable(recent.get(jobId));
    }
}
