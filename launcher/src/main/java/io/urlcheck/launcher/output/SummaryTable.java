package io.urlcheck.launcher.output;

import io.urlcheck.launcher.client.Summary;

import java.util.Map;

/** The end-of-run table: counts by outcome, latency percentiles and the slowest URLs. */
public final class SummaryTable {

    private static final int SLOWEST = 5;

    private SummaryTable() {
    }

    /** Renders {@code summary} as aligned text, coloured by {@code style}; ends with a newline. */
    public static String render(Summary summary, Style style) {
        StringBuilder out = new StringBuilder();
        out.append(style.bold(String.format("%-20s %8s %8s", "OUTCOME", "COUNT", "SHARE"))).append('\n');
        for (Map.Entry<String, Long> e : ProgressText.sorted(summary.byOutcome()).entrySet()) {
            String row = String.format("%-20s %8d %8s", TerminalText.safe(e.getKey()), e.getValue(),
                    Formats.percent(e.getValue(), summary.total()));
            out.append(style.outcome(e.getKey(), row)).append('\n');
        }
        out.append(String.format("%-20s %8d", "total", summary.total())).append("\n\n");

        Summary.Latency latency = summary.latencyMs();
        out.append(style.bold("LATENCY")).append("  p50 ").append(Formats.millis(latency.p50()))
                .append("  p90 ").append(Formats.millis(latency.p90()))
                .append("  p99 ").append(Formats.millis(latency.p99())).append('\n');

        if (!summary.slowest().isEmpty()) {
            out.append('\n').append(style.bold(String.format("%10s  %s", "SLOWEST", "URL"))).append('\n');
            summary.slowest().stream().limit(SLOWEST).forEach(s -> out.append(String.format("%10s  %s",
                    Formats.millis(s.responseTimeMs()),
                    Formats.cell(s.url(), 100))).append('\n'));
        }
        if (!summary.failingHosts().isEmpty()) {
            out.append('\n').append(style.bold(String.format("%10s  %s", "FAILURES", "HOST"))).append('\n');
            summary.failingHosts().stream().limit(SLOWEST).forEach(h ->
                    out.append(String.format("%10d  %s", h.failures(), TerminalText.safe(h.host()))).append('\n'));
        }
        return out.toString();
    }
}
