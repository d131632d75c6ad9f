package io.urlcheck.worker.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Where a record came from, for log lines and dead-letter headers. */
final class Positions {

    private Positions() {
    }

    /** {@code topic-partition@offset}, or "unknown position" outside Kafka. */
    static String of(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("unknown position");
    }
}
