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

    private final ProgressBar bar;
    private final Style style;
    private boolean totalKnown;

    BarProgress(Style style, PrintStream err) {
        this.style = style;
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

    @Override
    public void close() {
        bar.close();
    }
}
