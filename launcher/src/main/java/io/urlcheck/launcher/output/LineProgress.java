package io.urlcheck.launcher.output;

import io.urlcheck.launcher.client.JobStatus;

import java.io.PrintStream;
import java.time.Duration;

/** Progress as a plain line every few seconds, and one at the end: for logs, CI and pipes. */
final class LineProgress implements Progress {

    private final PrintStream out;
    private final long intervalNanos;
    private long lastPrinted;
    private JobStatus last;

    LineProgress(PrintStream out, Duration interval) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.lastPrinted = System.nanoTime();
    }

    @Override
    public void update(JobStatus status) {
        last = status;
        long now = System.nanoTime();
        if (now - lastPrinted >= intervalNanos) {
            lastPrinted = now;
            out.println("urlcheck: " + ProgressText.line(status));
        }
    }

    @Override
    public void note(String line) {
        out.println(line);
    }

    @Override
    public void close() {
        if (last != null) {
            out.println("urlcheck: " + ProgressText.line(last));
        }
    }
}
