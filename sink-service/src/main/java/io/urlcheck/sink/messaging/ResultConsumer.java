package io.urlcheck.sink.messaging;

import io.smallrye.common.annotation.Blocking;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.CodecException;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LogIds;
import io.urlcheck.sink.store.ResultStore;
import io.urlcheck.sink.store.StoreRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves results and job totals from Kafka into the store. Both methods return only once the store
 * has made the write durable, or the record is safely on {@code urlcheck.dead-letter}; the connector
 * acknowledges after they return (post-processing), and the throttled commit strategy commits an
 * offset only once every record before it is acknowledged. So a crash at any point leaves the
 * uncommitted records to be redelivered, and the store's idempotence (check id) keeps the replay from
 * duplicating anything. Records arrive as bytes and are decoded here, so that one that cannot be
 * decoded is dead-lettered as it was received, with the codec's reason. See DESIGN.md.
 */
@ApplicationScoped
public class ResultConsumer {

    /** The channel reading {@code urlcheck.results} in batches. */
    public static final String RESULTS_CHANNEL = "results";
    /** The channel reading {@code urlcheck.jobs}. */
    public static final String JOBS_CHANNEL = "jobs";

    private static final Logger LOG = Logger.getLogger(ResultConsumer.class);

    private final ResultStore store;
    private final DurableWriter writer;
    private final ResultWriter results;
    private final DeadLetters deadLetters;
    private final SinkMetrics metrics;

    public ResultConsumer(ResultStore store, DurableWriter writer, ResultWriter results, DeadLetters deadLetters,
                          SinkMetrics metrics) {
        this.store = store;
        this.writer = writer;
        this.results = results;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Stores one polled batch of results; a record that cannot be decoded or stored is dead-lettered. */
    @Incoming(RESULTS_CHANNEL)
    @Blocking
    public void consumeResults(ConsumerRecords<byte[], byte[]> records) {
        List<ResultWriter.Decoded> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> rec : records) {
            try {
                batch.add(new ResultWriter.Decoded(rec, JsonCodec.decode(rec.value(), CheckResult.class)));
            } catch (CodecException e) {
                metrics.undecodable();
                deadLetters.send(rec, e.getMessage(), SinkMetrics.Cause.undecodable);
            }
        }
        results.store(batch);
    }

    /**
     * Stores one job's totals, or one contributor's part of them; the store keeps each contributor's
     * latest and sums them ({@link io.urlcheck.sink.JobContributions}), so the order in which the
     * partitions deliver different contributors does not matter. A
     * tombstone (null value) on the compacted topic deletes nothing here and is skipped; a value that
     * cannot be decoded or stored is dead-lettered.
     */
    @Incoming(JOBS_CHANNEL)
    @Blocking
    public void consumeJob(ConsumerRecord<byte[], byte[]> rec) {
        if (rec.value() == null) {
            LOG.warnf("%s-%d@%d: a tombstone; job totals are never deleted, ignored", rec.topic(), rec.partition(), rec.offset());
            return;
        }
        JobTotals totals;
        try {
            totals = JsonCodec.decode(rec.value(), JobTotals.class);
        } catch (CodecException e) {
            deadLetters.send(rec, e.getMessage(), SinkMetrics.Cause.undecodable);
            return;
        }
        try (LogIds.Scope ids = LogIds.ofJob(totals.jobId())) {
            writer.untilDurable("totals of job " + totals.jobId(), () -> {
                store.storeJob(totals);
                return null;
            });
        } catch (StoreRejectedException e) {
            try (LogIds.Scope ids = LogIds.ofJob(totals.jobId())) {
                deadLetters.send(rec, e.getMessage(), SinkMetrics.Cause.rejected);
            }
        }
    }
}
