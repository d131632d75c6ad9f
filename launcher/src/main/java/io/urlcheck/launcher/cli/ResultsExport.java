package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.output.JsonArrayWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Writes a job's results from the sink to a file or stream as a JSON array, JSON Lines or CSV. */
final class ResultsExport {

    /** The formats {@code run --format} and {@code results --format} write. */
    enum Format { json, jsonl, csv }

    private ResultsExport() {
    }

    /** Streams the results matching {@code filter} to {@code out} in {@code format}; returns the rows written. */
    static long write(SinkClient sink, Map<String, String> filter, Format format, OutputStream out) throws IOException {
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

    /**
     * Writes to {@code file} atomically (a temporary file moved into place), so a reader never sees half a file,
     * and durably (the file and its directory forced to disk), so the stack may be killed right after.
     */
    static long writeFile(SinkClient sink, Map<String, String> filter, Format format, Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            long rows;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                rows = write(sink, filter, format, out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
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
