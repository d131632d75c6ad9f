package io.urlcheck.contract.kafka;

import io.urlcheck.contract.CheckResult;

/** Kafka deserializer for {@link CheckResult}, named so that a channel's {@code value.deserializer} can point at it. */
public class CheckResultDeserializer extends JsonDeserializer<CheckResult> {

    public CheckResultDeserializer() {
        super(CheckResult.class);
    }
}
