package io.urlcheck.worker.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.DeadLetter;
import io.urlcheck.worker.metrics.WorkerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Sends a request (or monitor event) record that cannot be decoded to {@code urlcheck.dead-letter} as the contract's
 * {@link DeadLetter} (the record as received, with reason, source topic and position in headers), then
 * acks the original: the worker carries on, and the record is committed only once the dead letter is
 * safely written.
 */
@ApplicationScoped
public class DeadLetters {

    /** The outgoing channel: {@code urlcheck.dead-letter}. */
    public static final String DEAD_LETTER = "dead-letter";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> emitter;
    private final WorkerMetrics metrics;

    public DeadLetters(@Channel(DEAD_LETTER) MutinyEmitter<byte[]> emitter, WorkerMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Dead-letters {@code message} with {@code reason}; the Uni completes once the original is acked (or nacked). */
    public Uni<Void> send(Message<byte[]> message, String reason) {
        String position = Positions.of(message);
        LOG.warnf("undecodable record at %s dead-lettered: %s", position, reason);
        return emitter.sendMessage(letterOf(message, reason, Topics.REQUESTS))
                .onItem().transformToUni(v -> {
                    metrics.deadLettered();
                    return Uni.createFrom().completionStage(message.ack());
                })
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf(e, "could not dead-letter the record at %s; it stays uncommitted", position);
                    return Uni.createFrom().completionStage(message.nack(e));
                });
    }

    /**
     * The contract's {@link DeadLetter} of {@code message} as an outgoing message: its key and value as received,
     * {@code reason} and its position in headers ({@code fallbackTopic} and no position outside Kafka).
     */
    static Message<byte[]> letterOf(Message<byte[]> message, String reason, String fallbackTopic) {
        DeadLetter dead = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> DeadLetter.of(keyBytes(m.getKey()), message.getPayload(), reason,
                        m.getTopic(), m.getPartition(), m.getOffset()))
                .orElseGet(() -> DeadLetter.of(null, message.getPayload(), reason, fallbackTopic, -1, -1L));
        byte[] value = dead.value() == null ? new byte[0] : dead.value();
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withKey(dead.key()).withHeaders(dead.headers()).build());
    }

    private static byte[] keyBytes(Object key) {
        return key == null ? null : key instanceof byte[] bytes ? bytes : key.toString().getBytes(StandardCharsets.UTF_8);
    }
}
