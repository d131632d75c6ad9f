package io.urlcheck.contract.kafka;

import io.urlcheck.contract.Monitor;

/** Kafka serializer for {@link Monitor}, named so that a channel's {@code value.serializer} can point at it. */
public class MonitorSerializer extends JsonSerializer<Monitor> {
}
