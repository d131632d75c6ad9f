package io.urlcheck.launcher.output;

import java.util.List;

/**
 * What {@code run --baseline} prints after the summary: every URL that broke and every one that recovered, then
 * one line of counts that CI logs can grep ({@code urlcheck: since previous.json: 1 broken, ...}).
 */
public final class BaselineReport {

    /** Change, outcome now, outcome then, URL: each row starts with BROKEN or RECOVERED, for grep. */
    private static final String ROW = "%-10s %-18s %-18s %s";

    private BaselineReport() {
    }

    /** {@code diff} against the baseline named {@code baseline}, coloured by {@code style}; ends with a newline. */
    public static String render(BaselineDiff diff, String baseline, Style style) {
        StringBuilder out = new StringBuilder();
        if (diff.anyBroken() || !diff.recovered().isEmpty()) {
            out.append(style.bold(String.format(ROW, "CHANGE", "NOW", "WAS", "URL"))).append('\n');
            rows(out, "BROKEN", diff.broken(), style);
            rows(out, "RECOVERED", diff.recovered(), style);
            out.append('\n');
        }
        out.append("urlcheck: since ").append(TerminalText.safe(baseline)).append(": ")
                .append(style.outcome(diff.anyBroken() ? "BROKEN" : "OK", diff.broken().size() + " broken"))
                .append(", ").append(diff.recovered().size()).append(" recovered, ")
                .append(diff.stillFailing().size()).append(" still failing, ")
                .append(diff.stillOk()).append(" still OK, ")
                .append(diff.added()).append(" new, ")
                .append(diff.gone()).append(" gone");
        if (diff.skipped() > 0) {
            out.append(", ").append(diff.skipped()).append(" skipped");
        }
        return out.append('\n').toString();
    }

    private static void rows(StringBuilder out, String change, List<BaselineDiff.Change> changes, Style style) {
        for (BaselineDiff.Change c : changes) {
            out.append(style.outcome(c.after(), String.format(ROW, change,
                    TerminalText.safe(c.after()), TerminalText.safe(c.before()), TerminalText.safe(c.url())))).append('\n');
        }
    }
}
