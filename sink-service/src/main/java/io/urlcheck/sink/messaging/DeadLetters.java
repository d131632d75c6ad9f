package io.urlcheck.sink.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.urlcheck.contract.kafka.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sets a record the sink cannot keep aside on {@code urlcheck.dead-letter}: the record as received,
 * with the contract's headers ({@link DeadLetter}: reason, source topic, position). {@link #send}
 * returns only once Kafka acknowledged the dead letter, so the original may be committed after it.
 */
@ApplicationScoped
public class DeadLetters {

    /** The outgoing channel: {@code urlcheck.dead-letter}. */
    public static final String DEAD_LETTER_CHANNEL = "dead-letter";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> emitter;
    private final DurableWriter writer;
    private final SinkMetrics metrics;

    public DeadLetters(@Channel(DEAD_LETTER_CHANNEL) MutinyEmitter<byte[]> emitter, DurableWriter writer, SinkMetrics metrics) {
        this.emitter = emitter;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** Dead-letters {@code rec} for {@code reason}; waits (and retries) until Kafka has it. */
    public void send(ConsumerRecord<byte[], byte[]> rec, String reason, SinkMetrics.Cause cause) {
        String position = rec.topic() + "-" + rec.partition() + "@" + rec.offset();
        LOG.errorf("%s dead-lettered (%s): %s", position, cause, reason);
        DeadLetter letter = DeadLetter.of(rec.key(), rec.value(), reason, rec.topic(), rec.partition(), rec.offset());
        byte[] value = letter.value() == null ? new byte[0] : letter.value();
        writer.untilSent("the dead letter of " + position, () -> emitter.sendMessageAndAwait(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<byte[]>builder()
                        .withKey(letter.key()).withHeaders(letter.headers()).build())));
        metrics.deadLettered(rec.topic(), cause);
    }
}
