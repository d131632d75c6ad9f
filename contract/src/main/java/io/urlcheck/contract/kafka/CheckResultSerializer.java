package io.urlcheck.contract.kafka;

import io.urlcheck.contract.CheckResult;

/** Kafka serializer for {@link CheckResult}, named so that a channel's {@code value.serializer} can point at it. */
public class CheckResultSerializer extends JsonSerializer<CheckResult> {
}
