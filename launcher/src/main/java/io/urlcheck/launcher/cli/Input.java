package io.urlcheck.launcher.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The URL list a command reads: a file, or stdin for {@code -}; its upload stops when asked to. */
final class Input {

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
