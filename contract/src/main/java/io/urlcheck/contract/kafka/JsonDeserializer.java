package io.urlcheck.contract.kafka;

import io.urlcheck.contract.CodecException;
import io.urlcheck.contract.JsonCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for a contract message. A value that cannot be decoded raises a
 * {@link SerializationException} carrying the {@link CodecException} reason, so the consuming
 * channel's failure handler can dead-letter it with that reason.
 */
public class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return JsonCodec.decode(data, type);
        } catch (CodecException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }
}
