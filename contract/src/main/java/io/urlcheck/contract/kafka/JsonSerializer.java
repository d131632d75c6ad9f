package io.urlcheck.contract.kafka;

import io.urlcheck.contract.JsonCodec;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for any contract message, through {@link JsonCodec}. */
public class JsonSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : JsonCodec.encode(data);
    }
}
