package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.IntakeRecord;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.UrlNormalizer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs fed through the intake topic. A record naming a job joins that job; any other joins the
 * standing job of the current UTC day ({@code intake-YYYY-MM-DD}, by the producer's clock when it reads
 * the record). Intake jobs have no end the producer could see, so their totals are open-ended
 * ({@code openEnded=true}) and published with {@code complete=false} as they grow; each job is
 * completed ({@code complete=true}, then forgotten with its dedup set) at the first {@link #publish}
 * after the UTC day it was opened in has ended, or by {@link #close} when this process stops.
 *
 * <p>Every producer in the consumer group reads part of the intake topic, so this process accounts only
 * for its part of a job: its totals carry a contributor id, {@code <process>.<n>} for the n-th job this
 * process opened, and the sink adds up the latest totals of every contributor. A restarted process is a
 * new contributor, so the totals its predecessor published stay in the sum instead of being reset; a job
 * reopened after completion is a new contributor too. Deduplication is per contributor: a URL that two
 * producers (or two lives of one) read is accepted, and checked, once by each, and counted in each one's
 * {@code accepted}, so every input is still accounted for exactly once. Thread-safe: the consumer thread
 * routes records while a timer publishes.
 *
 * <p>Each open job holds its accounting and dedup set until its day ends, so the jobs a process keeps open
 * are bounded ({@code maxOpenJobs}): a record that would open one more is {@link Refused}, and the consumer
 * dead-letters it with the reason. A record without a job id is always served: it opens the day's standing job.
 */
public final class IntakeJobs {

    /** A record that would open one job more than this process keeps open; it joins no job. */
    public static final class Refused extends RuntimeException {
        private Refused(String message) {
            super(message);
        }
    }

    private final UrlNormalizer normalizer;
    private final DedupSets dedupSets;
    private final int maxOpenJobs;
    private final Clock clock;
    private final JobRegistry registry;
    private final String process;
    private final IngestionMeter meter;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private long opened;

    /**
     * @param maxOpenJobs the most jobs this process keeps open at once; a record without a job id still opens the
     *                    day's standing job
     * @param process     this producer process's id ({@link JobIds#process}), the stem of its contributor ids
     */
    public IntakeJobs(UrlNormalizer normalizer, DedupSets dedupSets, int maxOpenJobs, Clock clock, JobRegistry registry,
                      String process) {
        this(normalizer, dedupSets, maxOpenJobs, clock, registry, process, IngestionMeter.NONE);
    }

    /** @param meter counts every intake job's inputs, for the service's metrics */
    public IntakeJobs(UrlNormalizer normalizer, DedupSets dedupSets, int maxOpenJobs, Clock clock, JobRegistry registry,
                      String process, IngestionMeter meter) {
        this.meter = meter;
        this.normalizer = normalizer;
        this.dedupSets = dedupSets;
        this.maxOpenJobs = maxOpenJobs;
        this.clock = clock;
        this.registry = registry;
        this.process = process;
    }

    /**
     * Accounts for one decoded intake record.
     *
     * @param record   the decoded record
     * @param position where it came from, e.g. {@code 1-4711} (partition-offset); completes its request id
     * @param outbox   where this batch's records go
     * @throws Refused when it names a job not open here while {@code maxOpenJobs} jobs are
     */
    public synchronized void accept(IntakeRecord record, String position, Outbox outbox) {
        String standing = JobIds.standing(today());
        String jobId = record.jobId() != null ? record.jobId() : standing;
        Job job = jobs.get(jobId);
        if (job == null) {
            if (!jobId.equals(standing) && jobs.size() >= maxOpenJobs) {
                throw new Refused("this producer keeps " + maxOpenJobs + " intake jobs open, the most it may"
                        + " (urlcheck.producer.intake-max-open-jobs), until their UTC day ends; name one of them, or no job"
                        + " for the day's standing job");
            }
            job = open(jobId);
            jobs.put(jobId, job);
        }
        job.outbox.target = outbox;
        job.ingestion.input(record.input(), position, record.options());
        job.changed = true;
    }

    /**
     * Publishes the running totals of every job that changed since the last call, and the final totals
     * of jobs opened on a UTC day that has ended.
     */
    public synchronized void publish(Outbox outbox) {
        LocalDate today = today();
        for (Iterator<Job> it = jobs.values().iterator(); it.hasNext(); ) {
            Job job = it.next();
            JobAccounting accounting = job.ingestion.accounting();
            if (job.day.isBefore(today)) {
                accounting.complete();
                outbox.totals(accounting.snapshot(clock.instant()));
                job.ingestion.dedup().close();
                it.remove();
            } else if (job.changed) {
                outbox.totals(accounting.snapshot(clock.instant()));
                job.changed = false;
            }
        }
    }

    /**
     * Closes this process's part of every open job: publishes each one's final totals
     * ({@code complete=true}) and forgets it. For a stopping process, whose contributions end here; a
     * record read after this opens its job again as a new contributor.
     */
    public synchronized void close(Outbox outbox) {
        for (Job job : jobs.values()) {
            JobAccounting accounting = job.ingestion.accounting();
            accounting.complete();
            outbox.totals(accounting.snapshot(clock.instant()));
            job.ingestion.dedup().close();
        }
        jobs.clear();
    }

    /** The totals of this process's part of an open intake job, if there is one by that id. */
    public synchronized JobTotals current(String jobId) {
        Job job = jobs.get(jobId);
        return job == null ? null : job.ingestion.accounting().current();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private Job open(String jobId) {
        JobAccounting accounting = new JobAccounting(jobId, clock.instant(), process + "." + ++opened, true);
        registry.remember(accounting);
        RoutedOutbox outbox = new RoutedOutbox();
        Ingestion ingestion = new Ingestion(accounting, normalizer, dedupSets.newSet(), outbox, clock, jobId + ":");
        ingestion.meter(meter);
        return new Job(ingestion, outbox, today());
    }

    private static final class Job {
        final Ingestion ingestion;
        final RoutedOutbox outbox;
        final LocalDate day;
        boolean changed;

        Job(Ingestion ingestion, RoutedOutbox outbox, LocalDate day) {
            this.ingestion = ingestion;
            this.outbox = outbox;
            this.day = day;
        }
    }

    /** An intake job outlives the batch outboxes its records go through; this points at the current one. */
    private static final class RoutedOutbox implements Outbox {
        Outbox target;

        @Override
        public void request(CheckRequest request) {
            target.request(request);
        }

        @Override
        public void rejected(CheckResult result) {
            target.rejected(result);
        }

        @Override
        public void totals(JobTotals totals) {
            target.totals(totals);
        }
    }
}
