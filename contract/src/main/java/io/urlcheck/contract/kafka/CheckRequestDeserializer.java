package io.urlcheck.contract.kafka;

import io.urlcheck.contract.CheckRequest;

/** Kafka deserializer for {@link CheckRequest}, named so that a channel's {@code value.deserializer} can point at it. */
public class CheckRequestDeserializer extends JsonDeserializer<CheckRequest> {

    public CheckRequestDeserializer() {
        super(CheckRequest.class);
    }
}
