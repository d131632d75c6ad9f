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
 * each with its time since the command started ({@code -Durlcheck.started}, the {@code ./urlcheck} script's
 * start in epoch seconds) or else since this timeline was made, so a slow run shows where its time went.
 */
public final class Timeline {

    private final Path file;
    private final Instant origin;

    /** A timeline logging to {@code file}, counting from the command's start. */
    public Timeline(Path file) {
        this.file = file;
        this.origin = commandStart();
    }

    private static Instant commandStart() {
        String started = System.getProperty("urlcheck.started", "");
        try {
            double epochSeconds = Double.parseDouble(started.replace(',', '.'));
            return Instant.ofEpochSecond((long) epochSeconds, (long) ((epochSeconds % 1) * 1e9));
        } catch (NumberFormatException e) {
            return Instant.now(); // started without the script (tests, an IDE)
        }
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
