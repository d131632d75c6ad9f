package io.urlcheck.producer;

import io.urlcheck.contract.JobId;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.LogIds;
import io.urlcheck.contract.UrlNormalizer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one submission as a job: claims the job id, streams the inputs through an {@link Ingestion},
 * publishes running totals while reading and final totals ({@code complete=true}) at the end, and
 * returns only once Kafka acknowledged every record of the job. Re-submitting a job id starts its
 * totals from zero, so they replace the earlier submission's.
 */
public final class JobSubmitter {

    private static final Logger LOG = Logger.getLogger(JobSubmitter.class);

    /** How the submitter is tuned; built from the service configuration. */
    public record Limits(int maxLineBytes, DedupSets dedupSets, Duration progressInterval, Duration ackTimeout) {
    }

    private final UrlNormalizer normalizer;
    private final OutboxFactory outboxes;
    private final JobRegistry registry;
    private final Clock clock;
    private final Limits limits;

    public JobSubmitter(UrlNormalizer normalizer, OutboxFactory outboxes, JobRegistry registry, Clock clock, Limits limits) {
        this.normalizer = normalizer;
        this.outboxes = outboxes;
        this.registry = registry;
        this.clock = clock;
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Submits a job.
     *
     * @param requestedJobId the client's job id, or null to generate one
     * @param options        the job's options, carried by every request (a JSON body may still set them before its first URL)
     * @param feeder         reads the body
     * @return the final, acknowledged totals
     * @throws SubmissionException when the job id is bad or busy, the body unreadable or too large, or Kafka failed
     */
    public JobTotals submit(String requestedJobId, JobOptions options, InputFeeder feeder) {
        return submit(requestedJobId, options, IngestionMeter.NONE, feeder);
    }

    /**
     * Submits a job, counting its inputs on {@code meter}. While it runs, the job id is in the MDC
     * ({@link LogIds#JOB_ID}), so every line logged about it carries the id: the request thread reads the
     * whole body and waits for Kafka's acknowledgements itself, so no line about the job leaves it.
     *
     * @see #submit(String, JobOptions, InputFeeder)
     */
    public JobTotals submit(String requestedJobId, JobOptions options, IngestionMeter meter, InputFeeder feeder) {
        String jobId = requestedJobId == null || requestedJobId.isEmpty() ? JobIds.generate() : requestedJobId;
        if (!JobId.isValid(jobId)) {
            throw new SubmissionException(SubmissionException.Kind.BAD_JOB_ID, JobId.refusal("jobId", jobId));
        }
        JobAccounting accounting = new JobAccounting(jobId, clock.instant());
        if (!registry.start(accounting)) {
            throw new SubmissionException(SubmissionException.Kind.JOB_BUSY, "job " + jobId + " is being submitted right now");
        }
        try (LogIds.Scope ids = LogIds.ofJob(jobId)) {
            return run(accounting, options, meter, feeder);
        } finally {
            registry.finish(jobId);
        }
    }

    private JobTotals run(JobAccounting accounting, JobOptions options, IngestionMeter meter, InputFeeder feeder) {
        TrackedOutbox outbox = outboxes.open();
        String prefix = accounting.jobId() + ":" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + ":";
        Ingestion ingestion = new Ingestion(accounting, normalizer, limits.dedupSets().newSet(), outbox, clock, prefix);
        try {
            return ingest(accounting, options, meter, feeder, outbox, ingestion);
        } finally {
            ingestion.dedup().close();
        }
    }

    /** Reads the job's inputs through {@code ingestion}, publishes its totals and waits for Kafka's acknowledgements. */
    private JobTotals ingest(JobAccounting accounting, JobOptions options, IngestionMeter meter, InputFeeder feeder,
                             TrackedOutbox outbox, Ingestion ingestion) {
        ingestion.useOptions(options);
        outbox.totals(accounting.snapshot(clock.instant()));
        Progress progress = new Progress(accounting, outbox);
        ingestion.onTick(progress);
        ingestion.meter(meter);
        try {
            feeder.feed(ingestion);
        } catch (IOException e) {
            abandon(accounting, outbox);
            throw new SubmissionException(SubmissionException.Kind.UNREADABLE, "could not read the body: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abandon(accounting, outbox);
            throw e;
        }
        accounting.complete();
        JobTotals totals = accounting.snapshot(clock.instant());
        outbox.totals(totals);
        if (ingestion.dedup().saturated()) {
            LOG.warnf("job %s: deduplication stopped remembering new URLs (at %d distinct URLs: its cap, or the producer's"
                    + " dedup memory, urlcheck.producer.dedup-heap-share); later repeats were not deduplicated",
                    accounting.jobId(), ingestion.dedup().size());
        }
        awaitAcks(accounting.jobId(), outbox);
        LOG.infof("job %s submitted: %d lines, %d accepted, %d rejected, %d duplicates, %d skipped", totals.jobId(),
                totals.submitted(), totals.accepted(), totals.rejected(), totals.duplicates(), totals.skipped());
        return totals;
    }

    /** A body that broke off still published some records: publish how far it got, as incomplete totals. */
    private void abandon(JobAccounting accounting, TrackedOutbox outbox) {
        outbox.totals(accounting.snapshot(clock.instant()));
        outboxes.flush();
        outbox.seal();
        LOG.warnf("job %s abandoned after %d inputs; its totals stay incomplete until it is re-submitted",
                accounting.jobId(), accounting.current().submitted());
    }

    private void awaitAcks(String jobId, TrackedOutbox outbox) {
        outboxes.flush();
        try {
            outbox.seal().get(limits.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SubmissionException(SubmissionException.Kind.NOT_PUBLISHED,
                    "Kafka did not acknowledge job " + jobId + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new SubmissionException(SubmissionException.Kind.NOT_PUBLISHED,
                    "Kafka did not acknowledge job " + jobId + " within " + limits.ackTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmissionException(SubmissionException.Kind.NOT_PUBLISHED, "interrupted waiting for Kafka", e);
        }
    }

    /** Runs on every ingestion tick: stops on a failed send, publishes running totals once per interval. */
    private final class Progress implements Runnable {
        private final JobAccounting accounting;
        private final TrackedOutbox outbox;
        private Instant next;

        Progress(JobAccounting accounting, TrackedOutbox outbox) {
            this.accounting = accounting;
            this.outbox = outbox;
            this.next = clock.instant().plus(limits.progressInterval());
        }

        @Override
        public void run() {
            Exception failure = outbox.failure();
            if (failure != null) {
                throw new SubmissionException(SubmissionException.Kind.NOT_PUBLISHED,
                        "Kafka refused a record of job " + accounting.jobId() + ": " + failure.getMessage(), failure);
            }
            Instant now = clock.instant();
            if (now.isAfter(next)) {
                outbox.totals(accounting.snapshot(now));
                next = now.plus(limits.progressInterval());
            }
        }
    }
}
