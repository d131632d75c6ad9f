package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.LatestState;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.SummaryCalculator;
import io.urlcheck.sink.UrlHistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON store's in-memory picture, rebuilt from the JSON Lines files at start: check ids seen, the
 * latest result and the history per URL, and per job its totals and its URLs' latest results; a
 * summary of all URLs and one of each job, kept up to date as results arrive.
 * Writers are serialized by the store; readers of {@link #latest()} need no lock, job views lock.
 */
final class ResultIndex {

    private final Set<String> checkIds = new HashSet<>();
    private final Map<String, CheckResult> latest = new ConcurrentHashMap<>();
    private final Map<String, List<CheckResult>> history = new ConcurrentHashMap<>();
    private final Map<String, JobTotals> totals = new HashMap<>();
    private final Map<String, JobResults> jobs = new HashMap<>();
    private final SummaryCalculator summary = new SummaryCalculator();

    /** A job's URLs, the latest result of each within the job, and their summary. */
    private static final class JobResults {
        final Map<String, CheckResult> latestByUrl = new HashMap<>();
        final SummaryCalculator summary = new SummaryCalculator();
        Instant first;
        Instant last;
    }

    /** True when this check id was not stored yet. */
    synchronized boolean isNew(String checkId) {
        return !checkIds.contains(checkId);
    }

    /** Records a durable result; a known check id is ignored. Returns true when it was new. */
    synchronized boolean add(CheckResult r) {
        if (!checkIds.add(r.checkId())) {
            return false;
        }
        putIfNewer(latest, summary, r);
        history.merge(r.url(), List.of(r), (old, one) -> {
            List<CheckResult> grown = new ArrayList<>(old.size() + 1);
            grown.addAll(old);
            grown.add(r);
            return List.copyOf(grown);
        });
        if (r.jobId() != null) {
            JobResults job = jobs.computeIfAbsent(r.jobId(), id -> new JobResults());
            putIfNewer(job.latestByUrl, job.summary, r);
            job.first = job.first == null || r.checkedAt().isBefore(job.first) ? r.checkedAt() : job.first;
            job.last = job.last == null || r.checkedAt().isAfter(job.last) ? r.checkedAt() : job.last;
        }
        return true;
    }

    /** Makes {@code r} its URL's latest in {@code latestByUrl} when it is newer, and keeps {@code summary} in step. */
    private static void putIfNewer(Map<String, CheckResult> latestByUrl, SummaryCalculator summary, CheckResult r) {
        CheckResult current = latestByUrl.get(r.url());
        if (LatestState.replaces(r, current)) {
            latestByUrl.put(r.url(), r);
            summary.replace(current, r);
        }
    }

    /** The summary over the latest result per URL; of one job's when {@code jobId} is not null. */
    synchronized Summary summary(String jobId) {
        if (jobId == null) {
            return summary.result();
        }
        JobResults job = jobs.get(jobId);
        return job == null ? new SummaryCalculator().result() : job.summary.result();
    }

    synchronized void putTotals(JobTotals t) {
        totals.put(t.jobId(), t);
    }

    /** The latest result per URL; a live view, safe to iterate while writes go on. */
    Collection<CheckResult> latest() {
        return latest.values();
    }

    synchronized int size() {
        return checkIds.size();
    }

    Optional<UrlHistory> lookup(String url) {
        CheckResult newest = latest.get(url);
        if (newest == null) {
            return Optional.empty();
        }
        List<CheckResult> checks = new ArrayList<>(history.getOrDefault(url, List.of()));
        checks.sort((a, b) -> a.isNewerThan(b) ? -1 : b.isNewerThan(a) ? 1 : 0);
        return Optional.of(new UrlHistory(newest, checks));
    }

    /** A copy of one job's latest results per URL, null for an unknown job. */
    synchronized List<CheckResult> jobLatest(String jobId) {
        JobResults job = jobs.get(jobId);
        return job == null ? List.of() : List.copyOf(job.latestByUrl.values());
    }

    synchronized Optional<JobStats> job(String jobId) {
        JobTotals t = totals.get(jobId);
        JobResults job = jobs.get(jobId);
        if (t == null && job == null) {
            return Optional.empty();
        }
        if (job == null) {
            return Optional.of(new JobStats(jobId, t, 0, Map.of(), null, null));
        }
        Map<String, Long> outcomes = new TreeMap<>();
        for (CheckResult r : job.latestByUrl.values()) {
            outcomes.merge(r.outcome().name(), 1L, Long::sum);
        }
        return Optional.of(new JobStats(jobId, t, job.latestByUrl.size(), outcomes, job.first, job.last));
    }

    synchronized List<JobStats> recentJobs(int limit) {
        Set<String> ids = new HashSet<>(totals.keySet());
        ids.addAll(jobs.keySet());
        return ids.stream()
                .map(id -> job(id).orElseThrow())
                .sorted(Comparator.comparing(ResultIndex::lastActivity, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(JobStats::jobId))
                .limit(limit)
                .toList();
    }

    private static Instant lastActivity(JobStats s) {
        Instant a = s.totals() == null ? null : s.totals().updatedAt();
        Instant b = s.lastResultAt();
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
