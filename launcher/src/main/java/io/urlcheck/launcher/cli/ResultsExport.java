package io.urlcheck.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.input.LinkIndex;
import io.urlcheck.launcher.output.JsonArrayWriter;
import io.urlcheck.launcher.output.MarkdownReport;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a job's results from the sink to a file or stream as a JSON array, JSON Lines, CSV or a Markdown report.
 * With the {@link LinkIndex} of a run over documents, the JSON formats and the report have one row per link
 * occurrence (the sink keeps one result per URL); CSV keeps one row per URL, with its first source.
 */
final class ResultsExport {

    /** The formats {@code run --format} and {@code results --format} write. */
    enum Format {
        json("json"), jsonl("jsonl"), csv("csv"), markdown("md");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        /** The file name extension of the default output file. */
        String extension() {
            return extension;
        }
    }

    private ResultsExport() {
    }

    /** Streams the results matching {@code filter} to {@code out} in {@code format}; returns the rows written. */
    static long write(SinkClient sink, Map<String, String> filter, Format format, OutputStream out) throws IOException {
        return write(sink, filter, format, LinkIndex.EMPTY, out);
    }

    /** Like {@link #write(SinkClient, Map, Format, OutputStream)}, one row per place {@code links} knows a link was found. */
    static long write(SinkClient sink, Map<String, String> filter, Format format, LinkIndex links, OutputStream out)
            throws IOException {
        if (format == Format.markdown) {
            List<CheckResult> rows = new ArrayList<>();
            forEachRow(sink, filter, links, row -> rows.add(JsonCodec.mapper().treeToValue(row, CheckResult.class)));
            out.write(MarkdownReport.render(rows).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return rows.size();
        }
        if (!links.isEmpty() && format != Format.csv) {
            boolean array = format == Format.json;
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            long[] count = {0};
            writer.write(array ? "[" : "");
            forEachRow(sink, filter, links, row -> {
                writer.write(!array ? "" : count[0] == 0 ? "\n" : ",\n");
                writer.write(JsonCodec.mapper().writeValueAsString(row));
                writer.write(array ? "" : "\n");
                count[0]++;
            });
            writer.write(!array ? "" : count[0] == 0 ? "]\n" : "\n]\n");
            writer.flush();
            return count[0];
        }
        switch (format) {
            case json:
                try (InputStream in = sink.export(filter, "jsonl")) {
                    return JsonArrayWriter.convert(in, out);
                }
            case jsonl:
                try (InputStream in = sink.export(filter, "jsonl")) {
                    return JsonArrayWriter.copyLines(in, out);
                }
            case csv:
                try (InputStream in = sink.export(filter, "csv")) {
                    return Math.max(0, JsonArrayWriter.copyLines(in, out) - 1);
                }
            default:
                throw new IllegalStateException("unknown format " + format);
        }
    }

    /** A consumer of one result row that may fail to encode or decode it. */
    private interface RowConsumer {
        void accept(JsonNode row) throws IOException;
    }

    /** Reads every matching result as JSON Lines and hands each of its rows (one per link occurrence) to {@code rows}. */
    private static void forEachRow(SinkClient sink, Map<String, String> filter, LinkIndex links, RowConsumer rows)
            throws IOException {
        try (InputStream in = sink.export(filter, "jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    for (JsonNode row : links.expand(JsonCodec.mapper().readTree(line))) {
                        rows.accept(row);
                    }
                }
            }
        }
    }

    /**
     * Writes to {@code file} atomically (a temporary file moved into place), so a reader never sees half a file,
     * and durably (the file and its directory forced to disk), so the stack may be killed right after. The
     * directory must exist ({@link OutputFile}); on a failure no temporary file is left behind.
     */
    static long writeFile(SinkClient sink, Map<String, String> filter, Format format, LinkIndex links, Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            long rows;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                rows = write(sink, filter, format, links, out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            forceDirectory(target.getParent());
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Removes what is left of a temporary file that was not moved into place. */
    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // the error being thrown names the file asked for; a leftover hidden .tmp beside it is harmless
        }
    }

    /** Forces a directory's entries (the renamed file) to disk; not every platform can open a directory. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory; its rename is durable once the file is
        }
    }
}
