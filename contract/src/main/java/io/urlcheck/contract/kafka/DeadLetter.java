package io.urlcheck.contract.kafka;

import io.urlcheck.contract.IntakeDecoder;
import io.urlcheck.contract.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A record for {@link Topics#DEAD_LETTER}, and the one place its headers are built: the original key
 * and value as received, with why ({@link Topics#HEADER_DLQ_REASON}) and where from
 * ({@link Topics#HEADER_DLQ_TOPIC}, {@link Topics#HEADER_DLQ_POSITION} as {@code partition:offset}).
 * A key or value over {@link #MAX_BYTES} is cut to that size, and the value's original size travels in
 * {@link Topics#HEADER_DLQ_ORIGINAL_BYTES}, so that a dead letter always fits a producer's default
 * request size and one huge record cannot wedge the service that forwards it.
 */
public final class DeadLetter {

    /** The most bytes of a key or value a dead letter keeps. */
    public static final int MAX_BYTES = IntakeDecoder.DEFAULT_MAX_VALUE_BYTES;

    /** The longest reason kept, in characters: enough for any message, bounded for the header. */
    public static final int MAX_REASON_CHARS = 2048;

    private final byte[] key;
    private final byte[] value;
    private final Headers headers;

    private DeadLetter(byte[] key, byte[] value, Headers headers) {
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    /** The dead letter of the record at {@code topic}, {@code partition}, {@code offset}, refused for {@code reason}. */
    public static DeadLetter of(byte[] key, byte[] value, String reason, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.HEADER_DLQ_REASON, utf8(reason.length() <= MAX_REASON_CHARS ? reason
                : reason.substring(0, MAX_REASON_CHARS) + "...[" + reason.length() + " chars]"));
        headers.add(Topics.HEADER_DLQ_TOPIC, utf8(topic));
        headers.add(Topics.HEADER_DLQ_POSITION, utf8(partition + ":" + offset));
        if (value != null && value.length > MAX_BYTES) {
            headers.add(Topics.HEADER_DLQ_ORIGINAL_BYTES, utf8(Integer.toString(value.length)));
        }
        return new DeadLetter(capped(key), capped(value), headers);
    }

    /** The key as received, cut to {@link #MAX_BYTES}; null when the record had none. */
    public byte[] key() {
        return key;
    }

    /** The value as received, cut to {@link #MAX_BYTES}; null when the record had none. */
    public byte[] value() {
        return value;
    }

    /** The reason, source topic, position and, for a cut value, original size. */
    public Headers headers() {
        return headers;
    }

    /** This dead letter as a record for {@link Topics#DEAD_LETTER}, for a plain Kafka producer. */
    public ProducerRecord<byte[], byte[]> toProducerRecord() {
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, key, value, headers);
    }

    private static byte[] capped(byte[] bytes) {
        return bytes == null || bytes.length <= MAX_BYTES ? bytes : Arrays.copyOf(bytes, MAX_BYTES);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
