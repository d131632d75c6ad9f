package io.urlcheck.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a record value from {@link Topics#INTAKE}, as any Kafka client may write it: one URL as
 * plain UTF-8 text, or a JSON object {@code {"url": "...", "jobId": "...", "options": {...}}}. A value whose
 * first non-blank character is {@code {} is read as JSON; anything else is the URL itself. A JSON job id
 * must be a {@link JobId}, and options must be valid {@link JobOptions}.
 */
public final class IntakeDecoder {

    /** Values longer than this are refused unread: no URL is this long. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 64 * 1024;

    private final int maxValueBytes;

    public IntakeDecoder(int maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    public IntakeDecoder() {
        this(DEFAULT_MAX_VALUE_BYTES);
    }

    /**
     * Decodes one record value.
     *
     * @throws CodecException with a reason when the value is empty, too large, not UTF-8, JSON of the wrong shape, or its job id or options malformed
     */
    public IntakeRecord decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new CodecException("empty record value");
        }
        if (value.length > maxValueBytes) {
            throw new CodecException("record value of " + value.length + " bytes exceeds the " + maxValueBytes + "-byte limit");
        }
        String text = strictUtf8(value);
        return looksLikeJson(text) ? fromJson(value) : new IntakeRecord(text, null);
    }

    private static IntakeRecord fromJson(byte[] value) {
        JsonNode node = JsonCodec.decode(value, JsonNode.class);
        if (!node.isObject()) {
            throw new CodecException("JSON intake must be an object with a \"url\" field");
        }
        JsonNode url = node.get("url");
        if (url == null || !url.isTextual()) {
            throw new CodecException("JSON intake has no string \"url\" field");
        }
        JsonNode jobId = node.get("jobId");
        if (jobId != null && !jobId.isNull() && !jobId.isTextual()) {
            throw new CodecException("JSON intake \"jobId\" must be a string");
        }
        String job = jobId == null || jobId.isNull() || jobId.asText().isBlank() ? null : jobId.asText();
        if (job != null && !JobId.isValid(job)) {
            throw new CodecException(JobId.refusal("jobId", job));
        }
        JobOptions options;
        try {
            options = JobOptions.fromJson(node.get("options"));
        } catch (IllegalArgumentException e) {
            throw new CodecException("JSON intake " + e.getMessage());
        }
        return new IntakeRecord(url.asText(), job, options);
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static String strictUtf8(byte[] value) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("record value is not valid UTF-8");
        }
    }
}
