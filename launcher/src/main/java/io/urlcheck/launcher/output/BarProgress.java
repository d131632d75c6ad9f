package io.urlcheck.launcher.output;

import io.urlcheck.launcher.client.JobStatus;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * The live progress bar on a terminal (me.tongfei:progressbar): checked/total, rate, ETA and counts by
 * outcome. The total is unknown (an indeterminate bar) until the producer has read the whole input.
 */
final class BarProgress implements Progress {

    /** Back to the line's start, and erase it: ANSI, which a terminal that shows colour understands. */
    private static final String ERASE_LINE = "\r\u001b[K";

    private final ProgressBar bar;
    private final Style style;
    private final PrintStream err;
    private boolean totalKnown;

    BarProgress(Style style, PrintStream err) {
        this.style = style;
        this.err = err;
        this.bar = new ProgressBarBuilder()
                .setTaskName("Checking")
                .setInitialMax(-1)
                .setStyle(style.colour() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setUnit(" URLs", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .continuousUpdate()
                .build();
    }

    @Override
    public void update(JobStatus status) {
        if (status.complete() && !totalKnown) {
            bar.maxHint(status.expected());
            totalKnown = true;
        }
        bar.stepTo(status.checked());
        // Plain text: the bar measures its width in characters, and escape codes would count.
        // An open intake job has no total to aim at: it says so rather than looking unfinished.
        String open = status.openEnded() && !status.complete() ? " open-ended," : "";
        bar.setExtraMessage(open + " " + ProgressText.outcomes(status.outcomes(), Style.PLAIN));
    }

    /**
     * The bar's line is erased and the note takes it (on a terminal without ANSI the bar's last frame stays, and the note
     * starts below it); the bar draws itself again on the next line at its next refresh. One {@code print} each, so the
     * bar's own refresh thread, which also prints whole frames, cannot cut into the note.
     */
    @Override
    public void note(String line) {
        err.print((style.colour() ? ERASE_LINE : System.lineSeparator()) + line + System.lineSeparator());
    }

    @Override
    public void close() {
        bar.close();
    }
}
