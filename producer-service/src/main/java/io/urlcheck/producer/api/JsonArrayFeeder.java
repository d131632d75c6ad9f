package io.urlcheck.producer.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.producer.Ingestion;
import io.urlcheck.producer.InputFeeder;
import io.urlcheck.producer.SubmissionException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a JSON array of URL strings or {@code {"url": ...}} objects into an ingestion, one element at
 * a time, never binding the array; or the object {@code {"options": {...}, "urls": [...]}}, whose options
 * must come before its URLs so that they can stream too. An object element may say where its link was found
 * in a document, {@code "source": {"file": ..., "line": ...}}. An element of another shape is rejected on its
 * own, and so is an object element larger than a line may be ({@link #ELEMENT_VALUES} values, or more characters
 * than the longest line the text form reads): it is skipped unread, as a too-long line is. A body that is not a
 * JSON array or such an object, is malformed, nests deeper than {@link JsonCodec#MAX_NESTING_DEPTH} or has
 * options over {@link OptionsHeader#BODY_BUDGET} is unreadable.
 */
final class JsonArrayFeeder implements InputFeeder {

    /** The most values an object element may hold: {@code {"url": ..., "source": {...}}} needs five. */
    static final int ELEMENT_VALUES = 100;

    private final InputStream body;
    private final boolean optionsInHeader;
    private final BoundedTree elementBudget;

    /**
     * @param optionsInHeader true when the request set the job's options already, so the body may not
     * @param maxLineBytes    the longest line the text form reads: no object element may hold more characters
     */
    JsonArrayFeeder(InputStream body, boolean optionsInHeader, int maxLineBytes) {
        this.body = body;
        this.optionsInHeader = optionsInHeader;
        this.elementBudget = new BoundedTree(ELEMENT_VALUES, maxLineBytes);
    }

    @Override
    public void feed(Ingestion ingestion) throws IOException {
        try (JsonParser parser = JsonCodec.mapper().getFactory().createParser(body)) {
            parser.setCodec(JsonCodec.mapper());
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                object(parser, ingestion);
            } else if (first == JsonToken.START_ARRAY) {
                array(parser, ingestion);
            } else {
                throw unreadable("expected a JSON array of URL strings or {\"url\": ...} objects, or {\"options\": ..., \"urls\": [...]}");
            }
            if (parser.nextToken() != null) {
                throw unreadable("malformed JSON: content after the " + (first == JsonToken.START_OBJECT ? "object" : "array"));
            }
        } catch (StreamConstraintsException e) {
            throw unreadable("JSON too deeply nested or too large: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw unreadable("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private void object(JsonParser parser, Ingestion ingestion) throws IOException {
        boolean urls = false;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw unreadable("malformed JSON: the object is not closed");
            }
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("options")) {
                if (optionsInHeader) {
                    throw new SubmissionException(SubmissionException.Kind.BAD_OPTIONS,
                            "options given twice: in the " + ApiHeaders.OPTIONS + " header and in the body");
                }
                if (urls || ingestion.inputCount() > 0) {
                    throw new SubmissionException(SubmissionException.Kind.BAD_OPTIONS, "\"options\" must come before \"urls\"");
                }
                ingestion.useOptions(OptionsHeader.of(options(parser)));
            } else if (field.equals("urls") && value == JsonToken.START_ARRAY) {
                urls = true;
                array(parser, ingestion);
            } else {
                throw unreadable("unexpected field \"" + field + "\": expected a JSON array of URL strings or {\"url\": ...} objects,"
                        + " or {\"options\": {...}, \"urls\": [...]}");
            }
        }
        if (!urls) {
            throw unreadable("the object has no \"urls\" array");
        }
    }

    private static JsonNode options(JsonParser parser) throws IOException {
        try {
            return OptionsHeader.BODY_BUDGET.read(parser);
        } catch (BoundedTree.TooLarge e) {
            throw new SubmissionException(SubmissionException.Kind.BAD_OPTIONS, "\"options\" is too large: " + e.getMessage());
        }
    }

    /** Feeds the array the parser stands at the start of, element by element. */
    private void array(JsonParser parser, Ingestion ingestion) throws IOException {
        long index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw unreadable("malformed JSON: the array is not closed");
            }
            element(parser, token, index++, ingestion);
        }
    }

    private void element(JsonParser parser, JsonToken token, long index, Ingestion ingestion) throws IOException {
        String sequence = Long.toString(index);
        if (token == JsonToken.VALUE_STRING) {
            ingestion.input(parser.getText(), sequence);
            return;
        }
        if (token == JsonToken.START_OBJECT) {
            JsonNode node;
            try {
                node = elementBudget.read(parser);
            } catch (BoundedTree.TooLarge e) {
                // The element's number in its echo too: a result is one per distinct input, and each is its own.
                ingestion.unreadable("{...} (JSON element " + index + ")", "JSON element " + index + " is too large: "
                        + e.getMessage());
                return;
            }
            JsonNode url = node.get("url");
            if (url != null && url.isTextual()) {
                JsonNode source = node.get("source");
                if (source == null || source.isNull()) {
                    ingestion.input(url.asText(), sequence);
                    return;
                }
                try {
                    ingestion.link(url.asText(), sequence, JsonCodec.mapper().treeToValue(source, LinkSource.class));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    ingestion.unreadable(node.toString(), "JSON element " + index
                            + " has a bad \"source\": expected {\"file\": \"...\", \"line\": 1 or more}");
                }
            } else {
                ingestion.unreadable(node.toString(), "JSON element " + index + " has no string \"url\" field");
            }
            return;
        }
        String shape = token.isScalarValue() ? parser.getText() : token == JsonToken.START_ARRAY ? "[...]" : token.toString();
        if (token.isStructStart()) {
            parser.skipChildren();
        }
        ingestion.unreadable(shape, "JSON element " + index + " is not a URL string or {\"url\": ...} object");
    }

    private static SubmissionException unreadable(String reason) {
        return new SubmissionException(SubmissionException.Kind.UNREADABLE, reason);
    }
}
