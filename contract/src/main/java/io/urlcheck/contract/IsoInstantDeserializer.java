package io.urlcheck.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads an {@link Instant} from its canonical UTC string with {@link IsoInstants}, and hands every other
 * token or text to Jackson's own deserializer. So whatever Jackson accepts is still accepted with the same
 * value, and whatever it refuses is still refused with the same exception.
 */
final class IsoInstantDeserializer extends DelegatingDeserializer {

    private static final long serialVersionUID = 1L;

    private IsoInstantDeserializer(JsonDeserializer<?> stock) {
        super(stock);
    }

    /** Puts the fast path in front of {@code stock}, normally {@code InstantDeserializer.INSTANT}. */
    @SuppressWarnings("unchecked")
    static JsonDeserializer<Instant> inFrontOf(JsonDeserializer<Instant> stock) {
        return (JsonDeserializer<Instant>) (JsonDeserializer<?>) new IsoInstantDeserializer(stock);
    }

    /**
     * Jackson gives back a different deserializer only when a {@code @JsonFormat} or a config override
     * applies. Its rules may not match the canonical form, so it reads on its own.
     */
    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> contextualized) {
        return contextualized;
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant value = IsoInstants.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            if (value != null) {
                return value;
            }
        }
        return super.deserialize(parser, context);
    }
}
