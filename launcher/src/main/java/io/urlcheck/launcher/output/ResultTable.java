package io.urlcheck.launcher.output;

import io.urlcheck.contract.CheckResult;

/** One aligned text row per result, for {@code ./urlcheck results --format table}. */
public final class ResultTable {

    private ResultTable() {
    }

    /** The header row. */
    public static String header(Style style) {
        return style.bold(String.format("%-18s %6s %8s  %-60s %s", "OUTCOME", "STATUS", "TIME", "URL", "DETAIL"));
    }

    /** {@code result} as a row: outcome, status, response time, URL and the error or title. */
    public static String row(CheckResult result, Style style) {
        String status = result.statusCode() == null ? "-" : result.statusCode().toString();
        String time = Formats.millis(result.responseTimeMs());
        String detail = result.error() != null ? result.error() : result.title() == null ? "" : result.title();
        String row = String.format("%-18s %6s %8s  %-60s %s", result.outcome().name(), status, time,
                Formats.cell(result.url(), 60), Formats.cell(detail, 60));
        return style.outcome(result.outcome().name(), row);
    }
}
