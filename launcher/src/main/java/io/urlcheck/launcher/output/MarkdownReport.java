package io.urlcheck.launcher.output;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.contract.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --format markdown}: a report a person pastes into a pull request. A summary table of links per
 * outcome, then every failure grouped by outcome (URL, status or error, and where the link was found when
 * known), then the links that were skipped with the reason. Cells are escaped so that a URL or an error
 * message cannot break the table.
 */
public final class MarkdownReport {

    private static final int MAX_ERROR = 200;
    private static final Comparator<CheckResult> BY_PLACE = Comparator
            .comparing((CheckResult r) -> r.source() == null ? "\uFFFF" : r.source().file())
            .thenComparingInt(r -> r.source() == null ? 0 : r.source().line())
            .thenComparing(CheckResult::url);

    private MarkdownReport() {
    }

    /** The report of {@code results} (one per link occurrence), ending with a newline. */
    public static String render(List<CheckResult> results) {
        Map<String, List<CheckResult>> byOutcome = new TreeMap<>(Comparator.comparingInt(ProgressText::rank)
                .thenComparing(Comparator.naturalOrder()));
        for (CheckResult r : results) {
            byOutcome.computeIfAbsent(r.outcome().name(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder("## urlcheck report\n\n| Outcome | Links | Share |\n|---|---:|---:|\n");
        byOutcome.forEach((outcome, rows) -> out.append("| ").append(outcome).append(" | ").append(rows.size())
                .append(" | ").append(Formats.percent(rows.size(), results.size())).append(" |\n"));
        out.append("| **Total** | **").append(results.size()).append("** | |\n");

        Map<String, List<CheckResult>> failures = new LinkedHashMap<>(byOutcome);
        failures.remove(Outcome.OK.name());
        List<CheckResult> skipped = failures.remove(Outcome.SKIPPED.name());
        if (failures.isEmpty()) {
            out.append("\nNo failures.\n");
        } else {
            out.append("\n## Failures\n");
            failures.forEach((outcome, rows) -> section(out, "### " + outcome + " (" + rows.size() + ")", rows));
        }
        if (skipped != null) {
            out.append("\n## Not checked\n");
            section(out, "### " + Outcome.SKIPPED.name() + " (" + skipped.size() + ")", skipped);
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String heading, List<CheckResult> rows) {
        out.append('\n').append(heading).append("\n\n| URL | Status / error | Found in |\n|---|---|---|\n");
        rows.stream().sorted(BY_PLACE).forEach(r -> out.append("| ").append(cell(r.url())).append(" | ")
                .append(cell(status(r))).append(" | ").append(place(r.source())).append(" |\n"));
    }

    /** The status code, then the error unless it only repeats the code (the worker's "HTTP 404"). */
    private static String status(CheckResult r) {
        String error = r.error() == null ? "" : Formats.truncate(r.error(), MAX_ERROR);
        if (r.statusCode() == null) {
            return error.isEmpty() ? "-" : error;
        }
        String code = r.statusCode().toString();
        return error.isEmpty() || error.equals("HTTP " + code) ? code : code + " " + error;
    }

    private static String place(LinkSource source) {
        return source == null ? "-" : "`" + source.toString().replace("`", "'").replace("|", "\\|") + "`";
    }

    /** One table cell's text: no line breaks, pipes escaped, HTML characters as entities. */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replaceAll("[\\r\\n\\t]+", " ");
    }
}
