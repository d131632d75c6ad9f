package io.urlcheck.launcher.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The launcher's own log, {@code <runDir>/logs/launcher.log}: one line per phase of a stack's life (broker
 * formatted, broker ready, topics, each service ready, first and last result, results written, stopped),
 * each with its time since the launcher's JVM started, so a slow run shows where its time went.
 */
public final class Timeline {

    private final Path file;
    private final Instant origin;

    /** A timeline logging to {@code file}, counting from this JVM's start. */
    public Timeline(Path file) {
        this.file = file;
        this.origin = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    }

    /** Appends {@code phase} with the seconds since the launcher started; never fails the run over a log line. */
    public synchronized void mark(String phase) {
        double seconds = Duration.between(origin, Instant.now()).toNanos() / 1e9;
        String line = String.format("%s %8.3f s  %s%n", Instant.now(), seconds, phase);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the timeline is a diagnostic; a full disk shows up elsewhere
        }
    }
}
