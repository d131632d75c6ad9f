package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CodecException;
import io.urlcheck.contract.JsonCodec;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only JSON Lines file. {@link #append} writes whole lines and fsyncs before it returns;
 * a failed append is cut back off, so the file only ever grows by whole, durable lines. {@link #replay}
 * reads it back and cuts off a torn last line, the trace a {@code kill -9} mid-write can leave.
 */
final class JsonLinesFile implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JsonLinesFile.class);

    private final Path path;
    private final FileChannel channel;

    private JsonLinesFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Replays every line of {@code path} into {@code sink} (repairing a torn tail), then opens it for appending. */
    static <T> JsonLinesFile open(Path path, Class<T> type, Consumer<T> sink) throws IOException {
        if (Files.exists(path)) {
            long goodEnd = replay(path, type, sink);
            if (goodEnd < Files.size(path)) {
                LOG.warnf("%s: cutting a torn last line at byte %d (left by an interrupted write)", path, goodEnd);
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    ch.truncate(goodEnd);
                    ch.force(true);
                }
            }
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new JsonLinesFile(path, ch);
    }

    /** Appends the encoded lines (each without its newline) and fsyncs; on failure the file is as before. */
    void append(List<byte[]> lines) throws IOException {
        long before = channel.size();
        try {
            int total = 0;
            for (byte[] line : lines) {
                total += line.length + 1;
            }
            ByteBuffer buf = ByteBuffer.allocate(total);
            for (byte[] line : lines) {
                buf.put(line).put((byte) '\n');
            }
            buf.flip();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(before);
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warnf(e, "%s: close failed", path);
        }
    }

    /** Decodes every complete line; returns the byte offset after the last complete line. */
    private static <T> long replay(Path path, Class<T> type, Consumer<T> sink) throws IOException {
        byte[] chunk = new byte[1 << 16];
        byte[] line = new byte[4096];
        int lineLen = 0;
        long pos = 0;
        long goodEnd = 0;
        long lineNo = 0;
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    pos++;
                    byte b = chunk[i];
                    if (b != '\n') {
                        if (lineLen == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[lineLen++] = b;
                        continue;
                    }
                    lineNo++;
                    if (lineLen > 0) {
                        decodeInto(Arrays.copyOf(line, lineLen), type, sink, path, lineNo);
                    }
                    lineLen = 0;
                    goodEnd = pos;
                }
            }
        }
        return goodEnd;
    }

    private static <T> void decodeInto(byte[] json, Class<T> type, Consumer<T> sink, Path path, long lineNo) {
        try {
            sink.accept(JsonCodec.decode(json, type));
        } catch (CodecException e) {
            // Only whole lines are ever appended, so this is damage from outside; keep going, say where.
            LOG.errorf("%s line %d: skipping an undecodable line: %s", path, lineNo, e.getMessage());
        }
    }
}
