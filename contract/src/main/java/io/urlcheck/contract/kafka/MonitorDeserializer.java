package io.urlcheck.contract.kafka;

import io.urlcheck.contract.Monitor;

/** Kafka deserializer for {@link Monitor}, named so that a channel's {@code value.deserializer} can point at it. */
public class MonitorDeserializer extends JsonDeserializer<Monitor> {
    public MonitorDeserializer() {
        super(Monitor.class);
    }
}
