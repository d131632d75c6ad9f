package io.urlcheck.sink.messaging;

import io.smallrye.common.annotation.Blocking;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.store.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves results and job totals from Kafka into the store. Both methods return only once the store
 * has made the write durable; the connector acknowledges after they return (post-processing), and
 * the throttled commit strategy commits an offset only once every record before it is acknowledged.
 * So a crash at any point leaves the uncommitted records to be redelivered, and the store's
 * idempotence (check id) keeps the replay from duplicating anything. See DESIGN.md.
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
    private final SinkMetrics metrics;

    public ResultConsumer(ResultStore store, DurableWriter writer, SinkMetrics metrics) {
        this.store = store;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** Stores one polled batch of results; records that could not be decoded are logged and counted, not stored. */
    @Incoming(RESULTS_CHANNEL)
    @Blocking
    public void consumeResults(ConsumerRecords<String, CheckResult> records) {
        List<CheckResult> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, CheckResult> rec : records) {
            if (rec.value() == null) {
                metrics.undecodable();
                LOG.errorf("%s-%d@%d: not a decodable CheckResult (key %s); nothing to store", rec.topic(),
                        rec.partition(), rec.offset(), rec.key());
                continue;
            }
            batch.add(rec.value());
        }
        if (batch.isEmpty()) {
            return;
        }
        String what = batch.size() + " results";
        int stored = writer.untilDurable(what, () -> store.storeResults(batch));
        metrics.stored(stored, batch.size() - stored);
    }

    /** Stores one job's totals; the latest record per job wins (the topic is keyed by job id). */
    @Incoming(JOBS_CHANNEL)
    @Blocking
    public void consumeJob(ConsumerRecord<String, JobTotals> rec) {
        if (rec.value() == null) {
            LOG.warnf("%s-%d@%d: no decodable JobTotals (key %s); ignored", rec.topic(), rec.partition(), rec.offset(), rec.key());
            return;
        }
        writer.untilDurable("totals of job " + rec.value().jobId(), () -> {
            store.storeJob(rec.value());
            return null;
        });
    }
}
