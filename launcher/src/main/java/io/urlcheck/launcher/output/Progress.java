package io.urlcheck.launcher.output;

import io.urlcheck.launcher.client.JobStatus;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Reports a job's progress while it runs: a live bar on a terminal, plain periodic lines otherwise,
 * nothing with {@code --quiet}. Always writes to stderr, so stdout stays clean for results and job ids.
 */
public interface Progress extends AutoCloseable {

    /** Shows the latest status; called a few times a second. */
    void update(JobStatus status);

    /**
     * Prints {@code line} (a notice, such as a part of the stack restarted) on a line of its own, never inside the live
     * display; with {@code --quiet} too, since it is not progress. Safe from any thread.
     */
    void note(String line);

    /** Finishes the display (the bar's last frame, a final line). */
    @Override
    void close();

    /** The right reporter for {@code style}: bar on a terminal, lines otherwise, none when {@code quiet}. */
    static Progress create(Style style, boolean quiet, PrintStream err) {
        if (quiet) {
            return new Progress() {
                @Override
                public void update(JobStatus status) {
                }

                @Override
                public void note(String line) {
                    err.println(line);
                }

                @Override
                public void close() {
                }
            };
        }
        return style.terminal() ? new BarProgress(style, err) : new LineProgress(err, Duration.ofSeconds(5));
    }
}
