package io.urlcheck.sink.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.MonitorEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;

/**
 * Publishes events to {@code urlcheck.events}, keyed by URL, and returns only once Kafka acknowledged every one
 * ({@code acks=all}); throws otherwise, and the caller sends them again. An event sent twice is the same record
 * (same id), which every reader deduplicates.
 */
@ApplicationScoped
public class EventSender {

    /** The outgoing channel: {@code urlcheck.events}. */
    public static final String EVENTS_CHANNEL = "events";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final MutinyEmitter<byte[]> emitter;

    public EventSender(@Channel(EVENTS_CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Sends {@code events} at once and waits for every acknowledgement. */
    public void sendAll(List<MonitorEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = events.stream().map(e -> emitter.sendMessage(Message.of(JsonCodec.encode(e))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(e.url()).build()))).toList();
        Uni.join().all(sends).andCollectFailures().await().atMost(ACK_TIMEOUT);
    }
}
