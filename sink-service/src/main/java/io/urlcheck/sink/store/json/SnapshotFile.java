package io.urlcheck.sink.store.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code results.json}, the JSON array of the latest result per URL, so that no reader ever
 * sees half of it: the array goes to a temporary file beside it, is fsynced, and is renamed over the
 * old one in one atomic step.
 */
final class SnapshotFile {

    /** Writes values without flushing after each one: the buffer flushes once, at the end. */
    private static final ObjectWriter WRITER =
            JsonCodec.mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final Path target;
    private final Path temp;

    SnapshotFile(Path target) {
        this.target = target;
        this.temp = target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** Replaces the snapshot with {@code results}, atomically. */
    void write(Iterable<CheckResult> results) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(ch);
            try (JsonGenerator gen = JsonCodec.mapper().getFactory().createGenerator(new BufferedOutputStream(out, 1 << 16))) {
                gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                gen.writeStartArray();
                for (CheckResult r : results) {
                    WRITER.writeValue(gen, r);
                }
                gen.writeEndArray();
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Path target() {
        return target;
    }
}
