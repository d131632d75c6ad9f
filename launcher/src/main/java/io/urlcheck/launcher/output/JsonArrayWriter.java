package io.urlcheck.launcher.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a JSON Lines stream (one result object per line, as the sink exports) into a JSON array,
 * line by line, so that a million results never sit in memory. Each object is copied verbatim.
 */
public final class JsonArrayWriter {

    private JsonArrayWriter() {
    }

    /** Copies {@code jsonl} to {@code out} as {@code [\n obj,\n obj\n]\n}; returns how many objects. */
    public static long convert(InputStream jsonl, OutputStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(jsonl, StandardCharsets.UTF_8));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('[');
        long count = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            String object = line.strip();
            if (object.isEmpty()) {
                continue;
            }
            writer.write(count == 0 ? "\n" : ",\n");
            writer.write(object);
            count++;
        }
        writer.write(count == 0 ? "]\n" : "\n]\n");
        writer.flush();
        return count;
    }

    /** Counts the non-blank lines of a JSON Lines stream while copying it unchanged. */
    public static long copyLines(InputStream in, OutputStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        long count = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            writer.write(line);
            writer.write('\n');
            if (!line.isBlank()) {
                count++;
            }
        }
        writer.flush();
        return count;
    }
}
