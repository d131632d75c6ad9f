package io.urlcheck.producer.messaging;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.IntakeDecoder;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Topics;
import io.urlcheck.producer.TrackedOutbox;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An {@link Outbox} onto Kafka whose sends share one {@link AckBatch}: requests keyed by host, rejected
 * results keyed by URL, totals keyed by {@link JobTotals#recordKey()} (job id, or job id and contributor), dead letters with their reason in headers.
 */
public final class KafkaOutbox implements TrackedOutbox {

    /**
     * The most of an undecodable key or value forwarded to the dead-letter topic. An intake record may
     * be as large as the topic allows, while this producer's requests are capped (max.request.size):
     * forwarding it whole would fail, stop the intake channel and wedge it on that record for good.
     */
    static final int MAX_DEAD_LETTER_BYTES = IntakeDecoder.DEFAULT_MAX_VALUE_BYTES;

    private final Producer<byte[], byte[]> producer;
    private final AckBatch acks;
    private final Function<Object, byte[]> encoder;

    KafkaOutbox(Producer<byte[], byte[]> producer, AckBatch acks, Function<Object, byte[]> encoder) {
        this.producer = producer;
        this.acks = acks;
        this.encoder = encoder;
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
     * Forwards an undecodable intake record to the dead-letter topic with why and where it came from.
     * A key or value over {@link #MAX_DEAD_LETTER_BYTES} is cut to that size, and the value's original
     * size travels in {@link Topics#HEADER_DLQ_ORIGINAL_BYTES}.
     */
    public void deadLetter(byte[] key, byte[] value, String reason, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.HEADER_DLQ_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.HEADER_DLQ_POSITION, (partition + ":" + offset).getBytes(StandardCharsets.UTF_8));
        if (value != null && value.length > MAX_DEAD_LETTER_BYTES) {
            headers.add(Topics.HEADER_DLQ_ORIGINAL_BYTES, utf8(Integer.toString(value.length)));
        }
        send(new ProducerRecord<>(Topics.DEAD_LETTER, null, capped(key), capped(value), headers));
    }

    private static byte[] capped(byte[] bytes) {
        return bytes == null || bytes.length <= MAX_DEAD_LETTER_BYTES ? bytes : Arrays.copyOf(bytes, MAX_DEAD_LETTER_BYTES);
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
        try {
            producer.send(record, acks);
        } catch (RuntimeException e) {
            acks.onCompletion(null, e);
        }
    }
}
