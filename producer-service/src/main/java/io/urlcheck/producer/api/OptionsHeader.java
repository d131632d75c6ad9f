package io.urlcheck.producer.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CodecException;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.producer.SubmissionException;

import java.nio.charset.StandardCharsets;

/** Reads a job's options from the {@value ApiHeaders#OPTIONS} header or a JSON body's {@code options} field. */
final class OptionsHeader {

    /**
     * The most a body's {@code options} may hold: what the largest valid {@link JobOptions} needs (every pattern and
     * header at its longest), with room for fields a newer client adds. Read whole, a larger tree could take the heap.
     */
    static final BoundedTree BODY_BUDGET = new BoundedTree(2 * JobOptions.MAX_PATTERNS + 2 * JobOptions.MAX_HEADERS + 100,
            (2L * JobOptions.MAX_PATTERNS + 2L * JobOptions.MAX_HEADERS + 100) * JobOptions.MAX_TEXT_LENGTH);

    private OptionsHeader() {
    }

    /** The options in the header's JSON object; {@link JobOptions#DEFAULTS} without the header. */
    static JobOptions parse(String header) {
        if (header == null || header.isBlank()) {
            return JobOptions.DEFAULTS;
        }
        JsonNode node;
        try {
            node = JsonCodec.decode(header.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (CodecException e) {
            // Never the parser's message: it may quote the header's text, and header values are secrets.
            throw new SubmissionException(SubmissionException.Kind.BAD_OPTIONS,
                    ApiHeaders.OPTIONS + " is not a JSON object of job options", e);
        }
        return of(node);
    }

    /** The options in a JSON object; a {@link SubmissionException} of kind BAD_OPTIONS says what is wrong. */
    static JobOptions of(JsonNode node) {
        try {
            return JobOptions.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new SubmissionException(SubmissionException.Kind.BAD_OPTIONS, e.getMessage(), e);
        }
    }
}
