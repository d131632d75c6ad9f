package io.urlcheck.launcher.output;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a results file as {@link BaselineDiff.Entry entries}: the JSON array {@code ./urlcheck run} writes by
 * default ({@code --format json}) or JSON Lines ({@code --format jsonl}). CSV is refused with a clear message.
 * Each result needs {@code url} and {@code outcome}; other fields are ignored. Any problem is an
 * {@link IllegalArgumentException} whose message names the file and what is wrong, never a stack trace.
 */
public final class BaselineFile {

    private BaselineFile() {
    }

    /** The entries of the results file {@code file}. */
    public static List<BaselineDiff.Entry> read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read baseline " + file
                    + " (give the results file of an earlier ./urlcheck run, --format json or jsonl)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, "baseline " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read baseline " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entries of a JSON array or JSON Lines stream; {@code name} says what it is in error messages.
     */
    public static List<BaselineDiff.Entry> read(InputStream stream, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream);
        int first = firstNonBlank(in);
        if (first < 0) {
            throw new IllegalArgumentException(name + " is empty, not a results file (expected a JSON array or JSON Lines)");
        }
        if (first != '[' && first != '{') {
            throw new IllegalArgumentException(name + " is not a JSON results file (only --format json or jsonl"
                    + " results can be a baseline, not csv)");
        }
        List<BaselineDiff.Entry> entries = new ArrayList<>();
        try (JsonParser parser = JsonCodec.mapper().createParser(in)) {
            // A JSON array holds the results; JSON Lines is a sequence of them at the root.
            boolean array = parser.nextToken() == JsonToken.START_ARRAY;
            JsonToken token = array ? parser.nextToken() : parser.currentToken();
            while (token != null && !(array && token == JsonToken.END_ARRAY)) {
                entries.add(entry(parser.readValueAsTree(), entries.size() + 1, name));
                token = parser.nextToken();
            }
            if (array && parser.nextToken() != null) {
                throw new IllegalArgumentException(name + " has more after its JSON array ends (line "
                        + parser.currentLocation().getLineNr() + ")");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        return entries;
    }

    private static BaselineDiff.Entry entry(JsonNode result, int index, String name) {
        if (!result.isObject()) {
            throw new IllegalArgumentException(name + ": result " + index + " is not a JSON object");
        }
        String url = text(result, "url", index, name);
        String outcome = text(result, "outcome", index, name);
        JsonNode checkedAt = result.get("checkedAt");
        if (checkedAt == null || checkedAt.isNull()) {
            return new BaselineDiff.Entry(url, outcome, null);
        }
        try {
            return new BaselineDiff.Entry(url, outcome, Instant.parse(checkedAt.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": result " + index + " (" + url + ") has a checkedAt that is"
                    + " not an ISO-8601 instant: " + checkedAt.asText(), e);
        }
    }

    private static String text(JsonNode result, String field, int index, String name) {
        JsonNode value = result.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(name + ": result " + index + " has no \"" + field + "\"");
        }
        return value.asText();
    }

    /** Peeks at the first non-whitespace byte, leaving the stream where it was; -1 for an empty stream. */
    private static int firstNonBlank(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        int b;
        do {
            b = in.read();
        } while (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0xEF || b == 0xBB || b == 0xBF);
        in.reset();
        return b;
    }
}
