package io.urlcheck.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Jackson's {@link InstantSerializer} with the ISO-8601 string written by {@link IsoInstants} instead of
 * {@code DateTimeFormatter.ISO_INSTANT}: the same characters, without the formatter's garbage. Timestamps,
 * custom patterns and years outside 0000 to 9999 go through the inherited code.
 *
 * <p>A subclass, not a wrapper: contextualizing the serializer for a property yields a new instance even
 * without a {@code @JsonFormat}, so {@code withFormat} and {@code withFeatures} return this class to keep
 * the fast path.
 */
final class IsoInstantSerializer extends InstantSerializer {

    static final IsoInstantSerializer INSTANCE = new IsoInstantSerializer();

    private static final long serialVersionUID = 1L;

    private IsoInstantSerializer() {
    }

    private IsoInstantSerializer(IsoInstantSerializer base, Boolean useTimestamp, DateTimeFormatter formatter,
                                 JsonFormat.Shape shape) {
        super(base, useTimestamp, formatter, shape);
    }

    private IsoInstantSerializer(IsoInstantSerializer base, Boolean useTimestamp, Boolean useNanoseconds,
                                 DateTimeFormatter formatter) {
        super(base, useTimestamp, useNanoseconds, formatter);
    }

    @Override
    protected IsoInstantSerializer withFormat(Boolean useTimestamp, DateTimeFormatter formatter, JsonFormat.Shape shape) {
        return new IsoInstantSerializer(this, useTimestamp, formatter, shape);
    }

    @Override
    protected IsoInstantSerializer withFeatures(Boolean writeZoneId, Boolean writeNanoseconds) {
        return new IsoInstantSerializer(this, _useTimestamp, writeNanoseconds, _formatter);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        // The inherited code formats with ISO_INSTANT exactly when these two hold. A context time zone
        // cannot change that text: ISO_INSTANT always prints UTC.
        if (_formatter == null && !useTimestamp(provider)) {
            char[] text = new char[IsoInstants.MAX_LENGTH];
            int length = IsoInstants.format(value, text);
            if (length > 0) {
                generator.writeString(text, 0, length);
                return;
            }
        }
        super.serialize(value, generator, provider);
    }
}
