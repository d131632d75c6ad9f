package io.urlcheck.producer.messaging;

import io.micrometer.core.instrument.Timer;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.DeadLetter;
import io.urlcheck.producer.TrackedOutbox;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An {@link Outbox} onto Kafka whose sends share one {@link AckBatch}: requests keyed by host, rejected
 * results keyed by URL, totals keyed by {@link JobTotals#recordKey()} (job id, or job id and contributor), dead letters with their reason in headers.
 */
public final class KafkaOutbox implements TrackedOutbox {

    private final Producer<byte[], byte[]> producer;
    private final AckBatch acks;
    private final Function<Object, byte[]> encoder;
    private final Timer publish;

    KafkaOutbox(Producer<byte[], byte[]> producer, AckBatch acks, Function<Object, byte[]> encoder, Timer publish) {
        this.producer = producer;
        this.acks = acks;
        this.encoder = encoder;
        this.publish = publish;
    }

    @Override
    public void request(CheckRequest request) {
        send(new ProducerRecord<>(Topics.REQUESTS, utf8(request.host()), encoder.apply(request)));
    }

    @Override
    public void rejected(CheckResult result) {
        send(new ProducerRecord<>(Topics.RESULTS, utf8(result.url()), encoder.apply(result)));
    }

    @Override
    public void totals(JobTotals totals) {
        send(new ProducerRecord<>(Topics.JOBS, utf8(totals.recordKey()), encoder.apply(totals)));
    }

    /**
     * Forwards an undecodable intake record to the dead-letter topic as the contract's {@link DeadLetter}:
     * with why and where it came from, a key or value over {@link DeadLetter#MAX_BYTES} cut to that size.
     */
    public void deadLetter(byte[] key, byte[] value, String reason, String topic, int partition, long offset) {
        send(DeadLetter.of(key, value, reason, topic, partition, offset).toProducerRecord());
    }

    /** The first failed send so far, or null. */
    @Override
    public Exception failure() {
        return acks.failure();
    }

    /** Ends this outbox: completes when every send made through it is acknowledged by the broker. */
    @Override
    public CompletableFuture<Void> seal() {
        return acks.seal();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        acks.sending();
        long start = System.nanoTime();
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception == null) {
                    publish.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
                acks.onCompletion(metadata, exception);
            });
        } catch (RuntimeException e) {
            acks.onCompletion(null, e);
        }
    }
}
