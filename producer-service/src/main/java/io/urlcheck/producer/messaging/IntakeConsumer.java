package io.urlcheck.producer.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.urlcheck.contract.CodecException;
import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.IntakeDecoder;
import io.urlcheck.contract.IntakeRecord;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.producer.IntakeJobs;
import io.urlcheck.producer.config.ProducerSettings;
import io.urlcheck.producer.metrics.ProducerMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Consumes {@code urlcheck.intake} in batches of raw records written by any Kafka client. A decodable
 * record goes to its intake job (requests, or an {@code INVALID_URL} result); an undecodable one (empty,
 * over 64 KiB, not UTF-8, JSON of the wrong shape, a malformed job id or one
 * reserved for monitors), or one that would open more intake jobs than this process keeps
 * ({@link IntakeJobs.Refused}), goes to {@code urlcheck.dead-letter} with the reason in a header. The
 * method returns, and the batch's offsets become committable, only after Kafka acknowledged everything
 * the batch produced: at-least-once. A batch that cannot be
 * published fails the channel (failure-strategy fail), so nothing is committed past it. The totals of
 * every job a batch changed go out with the batch (after its requests, acknowledged with them), so the
 * sink has a job's totals about when its first results come, not a timer tick later. A timer completes
 * the jobs of a day that ended, and stopping closes this process's part of every job
 * ({@link IntakeJobs#close}).
 */
@ApplicationScoped
public class IntakeConsumer {

    /** The incoming channel, configured under {@code mp.messaging.incoming.intake}. */
    public static final String CHANNEL = "intake";

    private static final Logger LOG = Logger.getLogger(IntakeConsumer.class);

    private final IntakeDecoder decoder = new IntakeDecoder();
    private final IntakeJobs jobs;
    private final RecordPublisher publisher;
    private final ProducerSettings settings;
    private final ProducerMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("intake-totals"));

    public IntakeConsumer(IntakeJobs jobs, RecordPublisher publisher, ProducerSettings settings, ProducerMetrics metrics) {
        this.metrics = metrics;
        this.jobs = jobs;
        this.publisher = publisher;
        this.settings = settings;
    }

    @PostConstruct
    void startTotalsTimer() {
        long every = settings.intakeTotalsInterval().toMillis();
        timer.scheduleWithFixedDelay(this::publishTotals, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes this process's part of every intake job on shutdown. On {@link ShutdownEvent}, not in
     * {@code @PreDestroy}: by then the Kafka producer of {@link RecordPublisher} may be closed already.
     */
    void stop(@Observes ShutdownEvent event) {
        timer.shutdown();
        publishTotals(jobs::close, "could not publish the final totals of this producer's intake jobs; they stay open-ended");
    }

    @PreDestroy
    void stopTimer() {
        timer.shutdownNow();
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> batch) throws InterruptedException {
        metrics.intakeBatchStarted(batch.count());
        try {
            KafkaOutbox outbox = publisher.open();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                route(record, outbox);
            }
            jobs.publish(outbox);
            publisher.flush();
            outbox.seal().get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.errorf(cause, "intake batch of %d records not acknowledged by Kafka; failing the channel so its offsets stay uncommitted",
                    batch.count());
            throw new IllegalStateException("intake batch not published", cause);
        } finally {
            metrics.intakeBatchEnded(batch.count());
        }
    }

    private void route(ConsumerRecord<byte[], byte[]> record, KafkaOutbox outbox) {
        IntakeRecord decoded;
        try {
            decoded = decoder.decode(record.value());
            if (MonitorJobId.isReserved(decoded.jobId())) {
                throw new CodecException(MonitorJobId.refusal("jobId"));
            }
        } catch (CodecException e) {
            deadLetter(record, e.getMessage(), outbox);
            metrics.undecodableIntake();
            return;
        }
        try {
            jobs.accept(decoded, record.partition() + "-" + record.offset(), outbox);
        } catch (IntakeJobs.Refused e) {
            deadLetter(record, e.getMessage(), outbox);
            metrics.refusedIntake();
        }
    }

    private static void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, KafkaOutbox outbox) {
        LOG.warnf("intake record %s-%d@%d dead-lettered: %s", record.topic(), record.partition(), record.offset(), reason);
        outbox.deadLetter(record.key(), record.value(), reason, record.topic(), record.partition(), record.offset());
    }

    private void publishTotals() {
        publishTotals(jobs::publish, "could not publish intake job totals; the next tick retries");
    }

    /** Fills one outbox with job totals and waits for Kafka's acknowledgement; a failure is logged as {@code failure}. */
    private void publishTotals(Consumer<KafkaOutbox> fill, String failure) {
        try {
            KafkaOutbox outbox = publisher.open();
            fill.accept(outbox);
            outbox.seal().get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn(failure, e);
        }
    }
}
