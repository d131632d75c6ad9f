package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.JobContributions;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.LatestState;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.SummaryCalculator;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON store's in-memory picture, rebuilt from the JSON Lines files at start: a fingerprint of every
 * check id, the latest result per URL and the offsets of its checks in {@code results.jsonl} (the history
 * itself stays on disk), and per job its totals and its URLs' latest results; a summary of all URLs and
 * one of each job, kept up to date as results arrive. It adds up what its entries cost in heap
 * ({@link HeapCost}), so that the store can refuse what would not fit in {@code budgetBytes}.
 * Writers are serialized by the store; readers of {@link #latest()} need no lock, the rest lock.
 */
final class ResultIndex {

    private final CheckIdSet checkIds = new CheckIdSet();
    private final Map<String, CheckResult> latest = new ConcurrentHashMap<>();
    private final Map<String, long[]> offsets = new HashMap<>();
    private final Map<String, JobContributions> totals = new HashMap<>();
    private final Map<String, JobResults> jobs = new HashMap<>();
    private final SummaryCalculator summary = new SummaryCalculator();
    private final long budgetBytes;
    private long bytes;

    /** A job's URLs, the latest result of each within the job, and their summary. */
    private static final class JobResults {
        final Map<String, CheckResult> latestByUrl = new HashMap<>();
        final SummaryCalculator summary = new SummaryCalculator();
        Instant first;
        Instant last;
    }

    /** An index that may hold about {@code budgetBytes} of heap. */
    ResultIndex(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** False when this check id was surely never added; true when it may have been (confirm on disk). */
    synchronized boolean mayContain(String checkId) {
        return checkIds.mayContain(checkId);
    }

    /** The most {@code r} can add to the heap held, were it added now (the replay's per-line case of {@link #costOf(List)}). */
    synchronized long costOf(CheckResult r) {
        long cost = HeapCost.CHECK + HeapCost.of(r) + (offsets.containsKey(r.url()) ? 0 : HeapCost.URL);
        if (r.jobId() != null) {
            JobResults job = jobs.get(r.jobId());
            cost += job == null && !totals.containsKey(r.jobId()) ? HeapCost.JOB : 0;
            cost += job == null || !job.latestByUrl.containsKey(r.url()) ? HeapCost.JOB_URL : 0;
        }
        return cost;
    }

    /** The most {@code batch} can add to the heap held, were its results added now (each counted as new and newest). */
    synchronized long costOf(List<CheckResult> batch) {
        Set<String> newUrls = new HashSet<>();
        Set<String> newJobs = new HashSet<>();
        Set<String> newJobUrls = new HashSet<>();
        long cost = 0;
        for (CheckResult r : batch) {
            cost += HeapCost.CHECK + HeapCost.of(r);
            if (!offsets.containsKey(r.url()) && newUrls.add(r.url())) {
                cost += HeapCost.URL;
            }
            if (r.jobId() != null) {
                JobResults job = jobs.get(r.jobId());
                if (job == null && !totals.containsKey(r.jobId()) && newJobs.add(r.jobId())) {
                    cost += HeapCost.JOB;
                }
                if ((job == null || !job.latestByUrl.containsKey(r.url())) && newJobUrls.add(r.jobId() + '\n' + r.url())) {
                    cost += HeapCost.JOB_URL;
                }
            }
        }
        return cost;
    }

    /** True when {@code extraBytes} more still fit in the budget. */
    synchronized boolean fits(long extraBytes) {
        return bytes + extraBytes <= budgetBytes;
    }

    /** Records a durable result, stored at {@code offset} of results.jsonl; its check id must be new. */
    synchronized void add(CheckResult r, long offset) {
        checkIds.add(r.checkId());
        bytes += HeapCost.CHECK;
        long[] at = offsets.get(r.url());
        if (at == null) {
            bytes += HeapCost.URL;
            at = new long[2];
        } else if (at[0] + 1 == at.length) {
            at = Arrays.copyOf(at, at.length * 2);
        }
        at[(int) ++at[0]] = offset;
        offsets.put(r.url(), at);

        CheckResult current = latest.get(r.url());
        if (LatestState.replaces(r, current)) {
            latest.put(r.url(), r);
            summary.replace(current, r);
            // A result of a job is held by its job's map too (the newest check of a URL is its job's newest),
            // so only results without a job are counted here.
            bytes += (r.jobId() == null ? HeapCost.of(r) : 0) - (current != null && current.jobId() == null ? HeapCost.of(current) : 0);
        }
        if (r.jobId() != null) {
            JobResults job = jobs.get(r.jobId());
            if (job == null) {
                bytes += totals.containsKey(r.jobId()) ? 0 : HeapCost.JOB;
                job = new JobResults();
                jobs.put(r.jobId(), job);
            }
            CheckResult jobCurrent = job.latestByUrl.get(r.url());
            if (LatestState.replaces(r, jobCurrent)) {
                job.latestByUrl.put(r.url(), r);
                job.summary.replace(jobCurrent, r);
                bytes += HeapCost.of(r) + (jobCurrent == null ? HeapCost.JOB_URL : -HeapCost.of(jobCurrent));
            }
            job.first = job.first == null || r.checkedAt().isBefore(job.first) ? r.checkedAt() : job.first;
            job.last = job.last == null || r.checkedAt().isAfter(job.last) ? r.checkedAt() : job.last;
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

    /** The most a job's totals can add to the heap held, were they put now. */
    synchronized long costOf(JobTotals t) {
        JobContributions known = totals.get(t.jobId());
        long job = known != null || jobs.containsKey(t.jobId()) ? 0 : HeapCost.JOB;
        return job + (known != null && known.knows(t) ? 0 : HeapCost.JOB_CONTRIBUTOR);
    }

    /** Keeps {@code t} as its contributor's latest totals of its job (unless newer ones are kept). */
    synchronized void putTotals(JobTotals t) {
        bytes += costOf(t);
        totals.computeIfAbsent(t.jobId(), id -> new JobContributions()).put(t);
    }

    /** The latest result per URL; a live view, safe to iterate while writes go on. */
    Collection<CheckResult> latest() {
        return latest.values();
    }

    /** A URL's latest result and the offsets of all its checks in results.jsonl, oldest first. */
    record UrlChecks(CheckResult latest, long[] offsets) {
    }

    /** The latest result and the checks of {@code url}, read together; null when it was never checked. */
    synchronized UrlChecks checksOf(String url) {
        CheckResult newest = latest.get(url);
        return newest == null ? null : new UrlChecks(newest, offsetsOf(url));
    }

    /** The offsets in results.jsonl of every check of {@code url}, oldest first; empty when none. */
    synchronized long[] offsetsOf(String url) {
        long[] at = offsets.get(url);
        return at == null ? new long[0] : Arrays.copyOfRange(at, 1, (int) at[0] + 1);
    }

    /** How many checks are held. */
    synchronized long size() {
        return checkIds.size();
    }

    /** How many URLs are held. */
    int urls() {
        return latest.size();
    }

    /** The estimated heap held now, in bytes. */
    synchronized long bytes() {
        return bytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    /** A copy of one job's latest results per URL, null for an unknown job. */
    synchronized List<CheckResult> jobLatest(String jobId) {
        JobResults job = jobs.get(jobId);
        return job == null ? List.of() : List.copyOf(job.latestByUrl.values());
    }

    synchronized Optional<JobStats> job(String jobId) {
        JobContributions contributions = totals.get(jobId);
        JobTotals t = contributions == null ? null : contributions.merged();
        JobResults job = jobs.get(jobId);
        if (t == null && job == null) {
            return Optional.empty();
        }
        if (job == null) {
            return Optional.of(new JobStats(jobId, t, 0, Map.of(), null, null));
        }
        // The job's summary counts its URLs' latest results as they change: no scan, however large the job.
        return Optional.of(new JobStats(jobId, t, job.summary.total(), job.summary.outcomes(), job.first, job.last));
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
