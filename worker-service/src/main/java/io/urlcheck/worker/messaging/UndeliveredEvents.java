package io.urlcheck.worker.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Writes a monitor event a webhook did not take to {@code urlcheck.events.undelivered}: the record as received,
 * with why (which webhook, redacted, and what it answered) and where it came from in the contract's
 * {@link DeadLetter} headers, so it can be inspected and redriven.
 */
@ApplicationScoped
public class UndeliveredEvents {

    /** The outgoing channel: {@code urlcheck.events.undelivered}. */
    public static final String UNDELIVERED = "undelivered";

    private final MutinyEmitter<byte[]> emitter;

    public UndeliveredEvents(@Channel(UNDELIVERED) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes once Kafka acknowledged the record, or exceptionally when it could not be written. */
    public CompletionStage<Void> send(Message<byte[]> event, String reason) {
        return emitter.sendMessage(DeadLetters.letterOf(event, reason, Topics.EVENTS)).subscribeAsCompletionStage();
    }
}
