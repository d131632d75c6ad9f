package io.urlcheck.contract.kafka;

import io.urlcheck.contract.MonitorEvent;

/** Kafka deserializer for {@link MonitorEvent}, named so that a channel's {@code value.deserializer} can point at it. */
public class MonitorEventDeserializer extends JsonDeserializer<MonitorEvent> {
    public MonitorEventDeserializer() {
        super(MonitorEvent.class);
    }
}
