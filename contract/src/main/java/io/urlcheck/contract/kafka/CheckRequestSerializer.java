package io.urlcheck.contract.kafka;

import io.urlcheck.contract.CheckRequest;

/** Kafka serializer for {@link CheckRequest}, named so that a channel's {@code value.serializer} can point at it. */
public class CheckRequestSerializer extends JsonSerializer<CheckRequest> {
}
