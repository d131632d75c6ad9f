package io.urlcheck.producer.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Reads one JSON value into a tree, but only within a budget of values and characters. A tree costs up to 25 times
 * the bytes it was read from ({@code [[],[],...]}), so a value read whole from a body of hundreds of MiB would take
 * the service's heap with it. A value over its budget is skipped to its end, never built, and reported as
 * {@link TooLarge}; the parser then stands at its last token, as after a value read whole.
 *
 * @param maxValues the most scalars, objects and arrays the value may hold, itself included
 * @param maxChars  the most characters its strings, field names and numbers may hold together
 */
record BoundedTree(int maxValues, long maxChars) {

    /** A value over its budget: skipped, not read. */
    static final class TooLarge extends Exception {
        private TooLarge(String limit) {
            super("over " + limit, null, false, false);
        }
    }

    /** An over-budget value found deep in the tree; unwinds to {@link #read}, which skips the rest. */
    private static final class Exceeded extends RuntimeException {
        /** The limit it passed, e.g. {@code 100 values}. */
        private final String limit;

        private Exceeded(String limit) {
            super(null, null, false, false);
            this.limit = limit;
        }
    }

    /**
     * The value whose first token the parser stands at.
     *
     * @throws TooLarge    when it is over the budget; the parser stands at its last token
     * @throws IOException when the JSON is malformed or the body fails
     */
    JsonNode read(JsonParser parser) throws IOException, TooLarge {
        JsonStreamContext outside = parser.currentToken().isStructStart()
                ? parser.getParsingContext().getParent() : parser.getParsingContext();
        try {
            return new Reader(parser).value();
        } catch (Exceeded e) {
            skipUntil(parser, outside);
            throw new TooLarge(e.limit);
        }
    }

    /** Reads on, building nothing, until the parser has closed every structure it opened inside {@code outside}. */
    private static void skipUntil(JsonParser parser, JsonStreamContext outside) throws IOException {
        while (parser.getParsingContext() != outside) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw ended(parser);
            }
            if (token.isStructStart()) {
                parser.skipChildren();
            }
        }
    }

    private static IOException ended(JsonParser parser) {
        return new JsonParseException(parser, "malformed JSON: the input ended inside a value");
    }

    /** One read: what is left of the budget, spent as the tree grows. */
    private final class Reader {
        private final JsonParser parser;
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private long valuesLeft = maxValues;
        private long charsLeft = maxChars;

        private Reader(JsonParser parser) {
            this.parser = parser;
        }

        /** The value at the current token, the parser left at its last token. */
        private JsonNode value() throws IOException {
            JsonToken token = parser.currentToken();
            if (token == null) {
                throw ended(parser);
            }
            spend(1, 0);
            return switch (token) {
                case START_OBJECT -> object();
                case START_ARRAY -> array();
                case VALUE_STRING -> {
                    spend(0, parser.getTextLength());
                    yield nodes.textNode(parser.getText());
                }
                case VALUE_NUMBER_INT -> {
                    spend(0, parser.getTextLength());
                    yield integer();
                }
                case VALUE_NUMBER_FLOAT -> {
                    spend(0, parser.getTextLength());
                    yield nodes.numberNode(parser.getDoubleValue());
                }
                case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> nodes.nullNode();
                default -> throw new JsonParseException(parser, "malformed JSON: unexpected " + token);
            };
        }

        private ObjectNode object() throws IOException {
            ObjectNode object = nodes.objectNode();
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                spend(0, field.length());
                parser.nextToken();
                object.set(field, value());
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw ended(parser);
            }
            return object;
        }

        private ArrayNode array() throws IOException {
            ArrayNode array = nodes.arrayNode();
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                array.add(value());
            }
            return array;
        }

        private JsonNode integer() throws IOException {
            return switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
        }

        private void spend(int values, long chars) {
            valuesLeft -= values;
            charsLeft -= chars;
            if (valuesLeft < 0) {
                throw new Exceeded(maxValues + " values");
            }
            if (charsLeft < 0) {
                throw new Exceeded(maxChars + " characters");
            }
        }
    }
}
