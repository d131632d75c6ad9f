package io.urlcheck.launcher.cli;

import io.urlcheck.contract.ListLines;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The URL list a command reads: a file, or stdin for {@code -}; its upload stops when asked to. */
final class Input {

    /** Far below the producer's longest line (64 KiB): a longer line is left for the producer to judge. */
    static final int SURELY_SHORT = 4096;

    private Input() {
    }

    /** Opens {@code file} ({@code -} = stdin) each time it is asked; reads fail once {@code stop} is true. */
    static Supplier<InputStream> opener(String file, BooleanSupplier stop) {
        return () -> {
            try {
                InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file));
                return new StoppableInputStream(in, stop);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        };
    }

    /**
     * True only when the list {@code file} certainly holds nothing the producer would check or answer: every line,
     * split at LF, CR or CRLF, is blank or a {@code #} comment once stripped, as the producer skips them. A line
     * that is not valid UTF-8, longer than {@link #SURELY_SHORT} bytes (the producer answers a line over its limit)
     * or holds a byte order mark makes it false: those the producer answers, or drops by rules of its own.
     */
    static boolean onlyBlankAndComments(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); ; b = in.read()) {
                if (b == '\n' || b == '\r' || b == -1) {
                    if (!skipped(line.toByteArray())) {
                        return false;
                    }
                    if (b == -1) {
                        return true;
                    }
                    line.reset();
                } else if (line.size() == SURELY_SHORT) {
                    return false;
                } else {
                    line.write(b);
                }
            }
        }
    }

    private static boolean skipped(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        return text.indexOf('\ufeff') < 0 && ListLines.isBlankOrComment(text);
    }

    /** An input that ends the upload with an error once {@code stop} says so: "stop intake" on Ctrl+C. */
    private static final class StoppableInputStream extends FilterInputStream {
        private final BooleanSupplier stop;

        StoppableInputStream(InputStream in, BooleanSupplier stop) {
            super(in);
            this.stop = stop;
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }

        private void check() throws IOException {
            if (stop.getAsBoolean()) {
                throw new IOException("submission stopped by Ctrl+C or SIGTERM");
            }
        }
    }
}
