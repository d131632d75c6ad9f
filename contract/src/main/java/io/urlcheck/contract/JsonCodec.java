package io.urlcheck.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The JSON codec for every wire message. One configured mapper, shared and thread-safe: instants as
 * ISO-8601 strings, nulls written out (a null {@code statusCode} means "no response"), unknown fields
 * ignored so that an older reader accepts a newer schema version.
 */
public final class JsonCodec {

    /** Deeper JSON than this is refused before it can cost a stack. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    private JsonCodec() {
    }

    /** The shared mapper, for edges that stream (JSON Lines files, HTTP bodies). Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Encodes a message as UTF-8 JSON. */
    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + message.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Encodes a message as a JSON string. */
    public static String encodeToString(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + message.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes UTF-8 JSON into {@code type}; a {@link CodecException} says why it could not. */
    public static <T> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new CodecException("empty value, expected a JSON " + type.getSimpleName());
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new CodecException("JSON null, expected a " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw new CodecException("not a valid " + type.getSimpleName() + ": " + firstLine(e), e);
        } catch (RuntimeException e) {
            if (e instanceof CodecException codec) {
                throw codec;
            }
            throw new CodecException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
