package io.urlcheck.launcher.output;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.contract.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    private static final Instant AT = Instant.parse("2026-12-04T23:30:00Z");

    private static CheckResult result(String url, Outcome outcome, Integer status, String error, LinkSource source) {
        return CheckResult.builder().jobId("j").input(url).url(url).outcome(outcome).statusCode(status).error(error)
                .attempts(1).checkedAt(AT).source(source).build();
    }

    @Test
    void reportHasASummaryTableThenFailuresGroupedByOutcomeWithTheirSources() {
        List<CheckResult> results = List.of(
                result("https://ok.test/", Outcome.OK, 200, null, new LinkSource("README.md", 1)),
                result("https://ok.test/2", Outcome.OK, 200, null, null),
                result("https://gone.test/b", Outcome.HTTP_ERROR, 404, "HTTP 404", new LinkSource("docs/b.md", 9)),
                result("https://gone.test/a", Outcome.HTTP_ERROR, 500, "HTTP 500 after 3 attempts", new LinkSource("README.md", 12)),
                result("https://down.test/", Outcome.CONNECTION_REFUSED, null, "connection refused", null),
                result("docs/x.md", Outcome.SKIPPED, null, "relative link without --base", new LinkSource("README.md", 4)));

        String report = MarkdownReport.render(results);

        assertThat(report).startsWith("## urlcheck report\n\n| Outcome | Links | Share |\n|---|---:|---:|\n"
                + "| OK | 2 | 33.3% |\n| HTTP_ERROR | 2 | 33.3% |\n| CONNECTION_REFUSED | 1 | 16.7% |\n"
                + "| SKIPPED | 1 | 16.7% |\n| **Total** | **6** | |\n");
        assertThat(report).contains("""
                ### HTTP_ERROR (2)

                | URL | Status / error | Found in |
                |---|---|---|
                | https://gone.test/a | 500 HTTP 500 after 3 attempts | `README.md:12` |
                | https://gone.test/b | 404 | `docs/b.md:9` |
                """);
        assertThat(report).contains("| https://down.test/ | connection refused | - |");
        assertThat(report).contains("## Not checked\n\n### SKIPPED (1)");
        assertThat(report).contains("| docs/x.md | relative link without --base | `README.md:4` |");
        assertThat(report).doesNotContain("ok.test");
        assertThat(report.indexOf("HTTP_ERROR (2)")).isLessThan(report.indexOf("CONNECTION_REFUSED (1)"));
    }

    @Test
    void aRunWithoutFailuresSaysSo() {
        assertThat(MarkdownReport.render(List.of(result("https://ok.test/", Outcome.OK, 200, null, null))))
                .endsWith("| **Total** | **1** | |\n\nNo failures.\n");
    }

    @Test
    void cellTextCannotBreakTheTable() {
        assertThat(MarkdownReport.cell("a|b\nc <script>")).isEqualTo("a\\|b c &lt;script&gt;");
    }
}
