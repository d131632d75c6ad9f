package io.urlcheck.contract.kafka;

import io.urlcheck.contract.MonitorEvent;

/** Kafka serializer for {@link MonitorEvent}, named so that a channel's {@code value.serializer} can point at it. */
public class MonitorEventSerializer extends JsonSerializer<MonitorEvent> {
}
