package io.urlcheck.launcher.output;

import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.Summary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryRenderingTest {

    private static final Map<String, Long> OUTCOMES = Map.of("OK", 150L, "HTTP_ERROR", 49L, "TIMEOUT", 1L);

    @Test
    void tableHasCountsSharesPercentilesAndSlowestUrls() {
        Summary summary = new Summary(200, OUTCOMES, Map.of("2xx", 150L), new Summary.Latency(12L, 80L, 2001L),
                List.of(new Summary.SlowUrl("http://127.0.0.1:1/slow", 2001L)), List.of());

        String table = SummaryTable.render(summary, Style.PLAIN);

        assertThat(table).contains("OK                        150    75.0%")
                .contains("HTTP_ERROR                 49    24.5%")
                .contains("TIMEOUT                     1     0.5%")
                .contains("p50 12 ms  p90 80 ms  p99 2001 ms")
                .contains("2001 ms  http://127.0.0.1:1/slow")
                .doesNotContain("\u001b[");
    }

    @Test
    void summaryLineSaysCountsOutcomesAndWhereTheResultsAre() {
        String line = SummaryLine.render(200, 200, OUTCOMES, Duration.ofMillis(12_340), "results.json", null, Style.PLAIN);
        assertThat(line).isEqualTo("urlcheck: 200/200 URLs checked in 12.3 s (OK 150, HTTP_ERROR 49, TIMEOUT 1);"
                + " results in results.json");
    }

    @Test
    void summaryLineAccountsForTheInputsThatWereNotChecked() {
        String line = SummaryLine.render(50, 50, Map.of("OK", 50L), new SummaryLine.NotChecked(57, 5, 2),
                Duration.ofSeconds(5), "results.json", null, Style.PLAIN);
        assertThat(line).isEqualTo("urlcheck: 50/50 URLs checked in 5.0 s (OK 50); of 57 inputs, 5 blank or comment lines"
                + " and 2 repeats were not checked; results in results.json");
        assertThat(SummaryLine.render(3, 3, Map.of("OK", 3L), new SummaryLine.NotChecked(4, 0, 1), Duration.ofSeconds(1),
                "r.json", null, Style.PLAIN)).contains("; of 4 inputs, 1 repeat was not checked;");
        assertThat(SummaryLine.render(3, 3, Map.of("OK", 3L), new SummaryLine.NotChecked(3, 0, 0), Duration.ofSeconds(1),
                "r.json", null, Style.PLAIN)).doesNotContain("inputs");
    }

    @Test
    void partialRunsAreMarkedInTheSummaryLine() {
        String line = SummaryLine.render(80, -1, Map.of("OK", 80L), Duration.ofSeconds(5), "out.json", "Ctrl+C", Style.PLAIN);
        assertThat(line).startsWith("urlcheck: PARTIAL (stopped by Ctrl+C): 80/? URLs checked")
                .endsWith("results so far in out.json");
    }

    @Test
    void progressLineShowsCheckedTotalRateEtaAndOutcomes() {
        JobStatus status = new JobStatus("j", 200, 200, 0, 0, 0, 200, 120, 80, 35.24, 2L, true, false,
                null, null, Map.of("OK", 100L, "HTTP_ERROR", 20L));
        assertThat(ProgressText.line(status))
                .isEqualTo("checked 120/200 (60.0%), 35.2/s, ETA 2s, OK 100, HTTP_ERROR 20");
    }

    @Test
    void totalIsUnknownUntilTheProducerHasReadEverything() {
        JobStatus status = new JobStatus("j", 50, 50, 0, 0, 0, 50, 10, 40, null, null, false, false,
                null, null, Map.of());
        assertThat(ProgressText.line(status)).isEqualTo("checked 10/?, -, ETA -");
    }

    @Test
    void anOpenIntakeJobShowsItsCountsSoFarAsOpenEndedNotAsAnUnknownTotal() {
        JobStatus status = new JobStatus("intake-2026-11-23", 60, 51, 0, 9, 0, 51, 48, 3, 3.14, null, false, false,
                null, null, Map.of("OK", 48L), true);
        assertThat(ProgressText.line(status)).isEqualTo("checked 48/51 so far (open-ended), 3.1/s, OK 48");
    }
}
