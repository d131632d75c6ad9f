package io.urlcheck.producer.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.producer.Ingestion;
import io.urlcheck.producer.InputFeeder;
import io.urlcheck.producer.SubmissionException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a JSON array of URL strings or {@code {"url": ..., "source": {"file": ..., "line": ...}}} objects (the
 * source, where a link was found in a document, is optional) into an ingestion, one element at
 * a time, never binding the array. An element of another shape is rejected on its own; a body that is
 * not a JSON array, is malformed or nests deeper than {@link JsonCodec#MAX_NESTING_DEPTH} is unreadable.
 */
final class JsonArrayFeeder implements InputFeeder {

    private final InputStream body;

    JsonArrayFeeder(InputStream body) {
        this.body = body;
    }

    @Override
    public void feed(Ingestion ingestion) throws IOException {
        try (JsonParser parser = JsonCodec.mapper().getFactory().createParser(body)) {
            parser.setCodec(JsonCodec.mapper());
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw unreadable("expected a JSON array of URL strings or {\"url\": ...} objects");
            }
            long index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw unreadable("malformed JSON: the array is not closed");
                }
                element(parser, token, index++, ingestion);
            }
            if (parser.nextToken() != null) {
                throw unreadable("malformed JSON: content after the array");
            }
        } catch (StreamConstraintsException e) {
            throw unreadable("JSON too deeply nested or too large: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw unreadable("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private static void element(JsonParser parser, JsonToken token, long index, Ingestion ingestion) throws IOException {
        String sequence = Long.toString(index);
        if (token == JsonToken.VALUE_STRING) {
            ingestion.input(parser.getText(), sequence);
            return;
        }
        if (token == JsonToken.START_OBJECT) {
            JsonNode node = parser.readValueAsTree();
            JsonNode url = node.get("url");
            if (url != null && url.isTextual()) {
                JsonNode source = node.get("source");
                if (source == null || source.isNull()) {
                    ingestion.input(url.asText(), sequence);
                    return;
                }
                try {
                    ingestion.input(url.asText(), sequence, JsonCodec.mapper().treeToValue(source, LinkSource.class));
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
