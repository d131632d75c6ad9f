package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CodecException;
import io.urlcheck.contract.JsonCodec;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An append-only JSON Lines file. {@link #append} writes whole lines and fsyncs before it returns;
 * a failed append is cut back off, so the file only ever grows by whole, durable lines. {@link #replay}
 * streams it back line by line (one line in memory at a time, at most {@link #MAX_LINE_BYTES}) and cuts
 * off a torn last line, the trace a {@code kill -9} mid-write can leave. {@link #read} reads one line
 * back by its offset, which is how the store keeps history on disk.
 */
final class JsonLinesFile implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JsonLinesFile.class);

    /** A longer line is damage, not a result (Kafka's record limit is far below): skipped unread at replay. */
    static final int MAX_LINE_BYTES = 4 << 20;

    /** Receives each decoded line and its offset during a replay; false stops the replay there. */
    @FunctionalInterface
    interface LineSink<T> {
        boolean accept(T value, long offset);
    }

    /** How a replay ended: at {@code end} bytes, after the whole file ({@code complete}) or stopped by its sink. */
    record Replay(long end, boolean complete) {
    }

    private final Path path;
    private final FileChannel appender;
    private final FileChannel reader;

    private JsonLinesFile(Path path, FileChannel appender, FileChannel reader) {
        this.path = path;
        this.appender = appender;
        this.reader = reader;
    }

    /** Opens (or creates) {@code path} for appending and for reading lines back; nothing is read yet. */
    static JsonLinesFile open(Path path) throws IOException {
        FileChannel appender = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            return new JsonLinesFile(path, appender, FileChannel.open(path, StandardOpenOption.READ));
        } catch (IOException e) {
            appender.close();
            throw e;
        }
    }

    /**
     * Decodes every line into {@code sink}, in order, until the sink says stop. A replay that reached the
     * end cuts off a torn last line; one that was stopped leaves the file as it is.
     */
    <T> Replay replay(Class<T> type, LineSink<T> sink) throws IOException {
        byte[] chunk = new byte[1 << 16];
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        boolean oversized = false;
        long pos = 0;
        long lineStart = 0;
        long lineNo = 0;
        try (InputStream in = Channels.newInputStream(FileChannel.open(path, StandardOpenOption.READ))) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    lineNo++;
                    if (!oversized) {
                        line.write(chunk, from, i - from);
                        oversized = line.size() > MAX_LINE_BYTES;
                    }
                    if (oversized) {
                        LOG.errorf("%s line %d: skipping a line of more than %d bytes", path, lineNo, MAX_LINE_BYTES);
                    } else if (line.size() > 0 && !decodeInto(line.toByteArray(), type, sink, lineStart, lineNo)) {
                        return new Replay(lineStart, false);
                    }
                    line.reset();
                    oversized = false;
                    from = i + 1;
                    lineStart = pos + i + 1;
                }
                if (!oversized) {
                    line.write(chunk, from, n - from);
                    if (line.size() > MAX_LINE_BYTES) {
                        oversized = true;
                        line.reset();
                    }
                }
                pos += n;
            }
        }
        if (lineStart < pos) {
            LOG.warnf("%s: cutting a torn last line at byte %d (left by an interrupted write)", path, lineStart);
            appender.truncate(lineStart);
            appender.force(true);
        }
        return new Replay(lineStart, true);
    }

    /** Appends the encoded lines (each without its newline) and fsyncs; returns each line's offset. On failure the file is as before. */
    long[] append(List<byte[]> lines) throws IOException {
        long before = appender.size();
        long[] offsets = new long[lines.size()];
        try {
            int total = 0;
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = before + total;
                total += lines.get(i).length + 1;
            }
            ByteBuffer buf = ByteBuffer.allocate(total);
            for (byte[] line : lines) {
                buf.put(line).put((byte) '\n');
            }
            buf.flip();
            while (buf.hasRemaining()) {
                appender.write(buf);
            }
            appender.force(false);
            return offsets;
        } catch (IOException e) {
            try {
                appender.truncate(before);
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
    }

    /** Decodes the line that starts at {@code offset} (an offset {@link #append} or {@link #replay} gave). */
    <T> T read(long offset, Class<T> type) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        ByteBuffer buf = ByteBuffer.allocate(2048);
        long pos = offset;
        while (true) {
            buf.clear();
            int n = reader.read(buf, pos);
            if (n <= 0) {
                throw new IOException(path + ": no whole line at byte " + offset);
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    line.write(buf.array(), 0, i);
                    return JsonCodec.decode(line.toByteArray(), type);
                }
            }
            line.write(buf.array(), 0, n);
            if (line.size() > MAX_LINE_BYTES) {
                throw new IOException(path + ": the line at byte " + offset + " is longer than " + MAX_LINE_BYTES + " bytes");
            }
            pos += n;
        }
    }

    /** The file's size in bytes now. */
    long size() throws IOException {
        return appender.size();
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        for (FileChannel ch : List.of(appender, reader)) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.warnf(e, "%s: close failed", path);
            }
        }
    }

    /** Decodes one line into the sink; an undecodable line is logged and skipped. Returns false when the sink stops. */
    private <T> boolean decodeInto(byte[] json, Class<T> type, LineSink<T> sink, long offset, long lineNo) {
        T value;
        try {
            value = JsonCodec.decode(json, type);
        } catch (CodecException e) {
            // Only whole lines are ever appended, so this is damage from outside; keep going, say where.
            LOG.errorf("%s line %d: skipping an undecodable line: %s", path, lineNo, e.getMessage());
            return true;
        }
        return sink.accept(value, offset);
    }
}
