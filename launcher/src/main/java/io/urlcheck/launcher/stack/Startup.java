package io.urlcheck.launcher.stack;

import java.util.function.Consumer;

/** Starting a resource that holds others: a resource that failed to start is closed before the failure propagates. */
public final class Startup {

    private Startup() {
    }

    /**
     * Runs {@code start} on {@code resource} and returns the resource; if {@code start} throws, closes the resource
     * (releasing whatever it had started so far) and rethrows, with any failure to close added as suppressed.
     */
    public static <T extends AutoCloseable> T startOrClose(T resource, Consumer<? super T> start) {
        try {
            start.accept(resource);
            return resource;
        } catch (RuntimeException e) {
            try {
                resource.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
