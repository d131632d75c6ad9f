package io.urlcheck.launcher.output;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The one line a run ends with: how many URLs were checked, by outcome, and where the results are. */
public final class SummaryLine {

    private SummaryLine() {
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
        boolean partial = stoppedBy != null;
        String total = expected < 0 ? "?" : Long.toString(expected);
        String counts = ProgressText.outcomes(outcomes, style);
        String time = String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
        String head = partial ? style.bold("PARTIAL (stopped by " + stoppedBy + ")") + ": " : "";
        return "urlcheck: " + head + checked + "/" + total + " URLs checked in " + time
                + (counts.isEmpty() ? "" : " (" + counts + ")")
                + (out == null ? "" : "; results " + (partial ? "so far " : "") + "in " + TerminalText.safe(out));
    }
}
