package io.urlcheck.sink.messaging;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.LogIds;
import io.urlcheck.sink.store.ResultStore;
import io.urlcheck.sink.store.StoreRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Stores a batch of decoded results, durably, and never lets one bad record hold the rest. A batch the
 * store refuses for good is halved, and each half stored again, until the records at fault stand
 * alone; those are dead-lettered with the store's reason and the rest is stored. With k bad records in
 * a batch of n that costs about 2k log2(n) writes, only when it happens. Outages are not refusals:
 * {@link DurableWriter} holds the batch and retries them.
 */
@ApplicationScoped
public class ResultWriter {

    /** A decoded result and the record it came from, which is what a dead letter carries. */
    public record Decoded(ConsumerRecord<byte[], byte[]> record, CheckResult result) {
    }

    private static final Logger LOG = Logger.getLogger(ResultWriter.class);

    private final ResultStore store;
    private final DurableWriter writer;
    private final DeadLetters deadLetters;
    private final SinkMetrics metrics;
    private final MonitorEvents monitorEvents;

    public ResultWriter(ResultStore store, DurableWriter writer, DeadLetters deadLetters, SinkMetrics metrics,
                        MonitorEvents monitorEvents) {
        this.store = store;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.monitorEvents = monitorEvents;
    }

    /**
     * Stores {@code batch}; returns once every result is durable or dead-lettered. At DEBUG, logs one line per
     * stored result, with its ids in the MDC; a dead-lettered result's line (ERROR) carries them too.
     */
    public void store(List<Decoded> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<CheckResult> results = batch.stream().map(Decoded::result).toList();
        try {
            int stored = writer.untilDurable(results.size() + " results",
                    () -> metrics.write(results.size(), () -> store.storeResults(results)));
            metrics.stored(stored, results.size() - stored);
            monitorEvents.observe(results); // monitor runs' events, before the batch may be acknowledged
            if (LOG.isDebugEnabled()) {
                results.forEach(ResultWriter::logStored);
            }
        } catch (StoreRejectedException e) {
            if (batch.size() == 1) {
                try (LogIds.Scope ids = LogIds.of(batch.get(0).result())) {
                    deadLetters.send(batch.get(0).record(), e.getMessage(), SinkMetrics.Cause.rejected);
                }
                return;
            }
            LOG.warnf("the store refused a batch of %d results for good; halving it to find the records at fault: %s",
                    batch.size(), e.getMessage());
            int half = batch.size() / 2;
            store(batch.subList(0, half));
            store(batch.subList(half, batch.size()));
        }
    }

    private static void logStored(CheckResult result) {
        try (LogIds.Scope ids = LogIds.of(result)) {
            LOG.debugf("stored result %s of %s (HTTP %s, attempt %d)", result.outcome(), result.url(),
                    result.statusCode() == null ? "-" : result.statusCode(), result.attempts());
        }
    }
}
