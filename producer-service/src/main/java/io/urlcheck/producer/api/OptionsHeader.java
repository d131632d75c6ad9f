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
