package io.urlcheck.launcher.output;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The one line a run ends with: how many URLs were checked, by outcome, and where the results are. */
public final class SummaryLine {

    private SummaryLine() {
    }

    /**
     * Inputs a run read but did not check, by reason, which the count of URLs checked leaves out: blank lines and
     * {@code #} comments, and repeats of a URL the job already had (the producer's totals).
     */
    public record NotChecked(long inputs, long blankOrComments, long repeats) {
        /** Nothing left out, or not known (a partial run). */
        public static final NotChecked NONE = new NotChecked(0, 0, 0);

        /** {@code ; of 57 inputs, 5 blank or comment lines and 2 repeats were not checked}, or empty. */
        String text() {
            if (blankOrComments == 0 && repeats == 0) {
                return "";
            }
            String blank = blankOrComments == 0 ? "" : blankOrComments + " blank or comment line" + (blankOrComments == 1 ? "" : "s");
            String repeated = repeats == 0 ? "" : repeats + " repeat" + (repeats == 1 ? "" : "s");
            String both = blank.isEmpty() ? repeated : repeated.isEmpty() ? blank : blank + " and " + repeated;
            return "; of " + inputs + " inputs, " + both + (blankOrComments + repeats == 1 ? " was" : " were") + " not checked";
        }
    }

    /**
     * {@code urlcheck: 200/200 URLs checked in 12.3 s (OK 150, HTTP_ERROR 50); results in results.json}, or
     * when stopped early, {@code urlcheck: PARTIAL (stopped by Ctrl+C): 80/200 ...; results so far in ...}.
     *
     * @param expected  the number of results expected, or a negative number when still unknown
     * @param stoppedBy what stopped the run early ({@code Ctrl+C}, {@code SIGTERM}), or null when it ran to the end
     */
    public static String render(long checked, long expected, Map<String, Long> outcomes, Duration elapsed,
                                String out, String stoppedBy, Style style) {
        return render(checked, expected, outcomes, NotChecked.NONE, elapsed, out, stoppedBy, style);
    }

    /** As {@link #render(long, long, Map, Duration, String, String, Style)}, saying which inputs were not checked. */
    public static String render(long checked, long expected, Map<String, Long> outcomes, NotChecked notChecked,
                                Duration elapsed, String out, String stoppedBy, Style style) {
        boolean partial = stoppedBy != null;
        String total = expected < 0 ? "?" : Long.toString(expected);
        String counts = ProgressText.outcomes(outcomes, style);
        String time = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
        String head = partial ? style.bold("PARTIAL (stopped by " + stoppedBy + ")") + ": " : "";
        return "urlcheck: " + head + checked + "/" + total + " URLs checked in " + time
                + (counts.isEmpty() ? "" : " (" + counts + ")")
                + notChecked.text()
                + (out == null ? "" : "; results " + (partial ? "so far " : "") + "in " + TerminalText.safe(out));
    }
}
