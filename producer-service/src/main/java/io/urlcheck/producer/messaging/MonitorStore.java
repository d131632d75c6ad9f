package io.urlcheck.producer.messaging;

import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CompactedTable;
import io.urlcheck.contract.kafka.MonitorDeserializer;
import io.urlcheck.producer.monitor.TickLog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The monitors and their last ticks, on the compacted topics {@link Topics#MONITORS} and
 * {@link Topics#MONITOR_TICKS}, each held whole in a {@link CompactedTable} (every replica reads all of both)
 * and written through a Kafka producer of its own, with acks from every in-sync replica and a request size
 * that takes a monitor of {@link Monitor#MAX_URLS} URLs. Every write returns only once acknowledged, then
 * waits until this replica's tables have read it, so a client reads its own writes from this replica. A
 * monitor too large for the topic is refused with an {@link IllegalArgumentException} (a data error); a write
 * Kafka did not acknowledge is a {@link MonitorWriteException} (an outage).
 */
public final class MonitorStore implements TickLog, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MonitorStore.class);

    /** The last tick a monitor fired: the value of a {@link Topics#MONITOR_TICKS} record. */
    public record LastTick(Instant tick, String jobId) {
    }

    private final CompactedTable<Monitor> monitors;
    private final CompactedTable<LastTick> ticks;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Duration ackTimeout;
    private final Duration catchUpTimeout;

    /**
     * @param kafka          the client-wide {@code kafka.*} properties (bootstrap servers, security)
     * @param overrides      {@code urlcheck.producer.kafka.*}
     * @param ackTimeout     how long a write waits for Kafka's acknowledgement
     * @param catchUpTimeout how long a write waits for this replica's table to read it back
     */
    public MonitorStore(Map<String, Object> kafka, Map<String, String> overrides, Duration ackTimeout, Duration catchUpTimeout) {
        this.ackTimeout = ackTimeout;
        this.catchUpTimeout = catchUpTimeout;
        this.monitors = new CompactedTable<>(Topics.MONITORS, kafka, new MonitorDeserializer()).start();
        this.ticks = new CompactedTable<>(Topics.MONITOR_TICKS, kafka,
                (topic, bytes) -> bytes == null ? null : JsonCodec.decode(bytes, LastTick.class)).start();
        Map<String, Object> config = RecordPublisher.clientConfig(kafka, overrides);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "urlcheck-producer-monitors");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        // Uncompressed size, checked by the client; the topic's max.message.bytes caps the compressed batch.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * Topics.MONITORS_MAX_MESSAGE_BYTES));
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(8L * Topics.MONITORS_MAX_MESSAGE_BYTES));
        this.producer = new KafkaProducer<>(config);
    }

    /** Every monitor, by name. */
    public Map<String, Monitor> all() {
        return monitors.snapshot();
    }

    /** The monitor named {@code name}, if there is one. */
    public Optional<Monitor> get(String name) {
        return monitors.get(name);
    }

    /** The partition of {@link Topics#MONITORS} that holds {@code name}, which decides the replica that fires it. */
    public OptionalInt partitionOf(String name) {
        return monitors.partitionOf(name);
    }

    /** Waits (at most the catch-up timeout) until this replica has read every monitor written before the call. */
    public void refresh() {
        awaitRead(monitors);
    }

    /** Writes {@code monitor} (new or replacing), acknowledged and read back before this returns. */
    public void put(Monitor monitor) {
        write(new ProducerRecord<>(Topics.MONITORS, key(monitor.name()), JsonCodec.encode(monitor)));
        awaitRead(monitors);
    }

    /** Removes {@code name}: tombstones on the monitors and on their ticks, acknowledged and read back. */
    public void delete(String name) {
        write(new ProducerRecord<>(Topics.MONITORS, key(name), null));
        write(new ProducerRecord<>(Topics.MONITOR_TICKS, key(name), null));
        awaitRead(monitors);
    }

    @Override
    public Instant lastTick(String monitor) {
        return ticks.get(monitor).map(LastTick::tick).orElse(null);
    }

    @Override
    public void record(String monitor, Instant tick) {
        write(new ProducerRecord<>(Topics.MONITOR_TICKS, key(monitor),
                JsonCodec.encode(new LastTick(tick, MonitorJobId.of(monitor, tick)))));
    }

    /** Waits until the ticks table has read every tick acknowledged before the call (a new owner's barrier). */
    public boolean ticksCaughtUp(Duration timeout) throws InterruptedException {
        return ticks.awaitCaughtUpToNow(timeout);
    }

    private void write(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                // A data error, not an outage: the same monitor would never fit.
                throw new IllegalArgumentException("the monitor is larger than a record of " + record.topic()
                        + " may be (" + Topics.MONITORS_MAX_MESSAGE_BYTES + " bytes compressed): split it into smaller monitors", e.getCause());
            }
            throw new MonitorWriteException("Kafka refused the write to " + record.topic() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new MonitorWriteException("Kafka did not acknowledge the write to " + record.topic() + " within " + ackTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorWriteException("interrupted waiting for Kafka", e);
        }
    }

    private void awaitRead(CompactedTable<?> table) {
        try {
            if (!table.awaitCaughtUpToNow(catchUpTimeout)) {
                LOG.warnf("the write is acknowledged but this replica has not read it back within %s", catchUpTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        monitors.close();
        ticks.close();
    }

    /** A write Kafka did not acknowledge; the edge answers 503 (or the scheduler retries). */
    public static final class MonitorWriteException extends RuntimeException {
        MonitorWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
