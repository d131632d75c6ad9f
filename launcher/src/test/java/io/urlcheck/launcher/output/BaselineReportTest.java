package io.urlcheck.launcher.output;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineReportTest {

    @Test
    void listsEachBrokenAndRecoveredUrlThenTheCounts() {
        BaselineDiff diff = new BaselineDiff(
                List.of(new BaselineDiff.Change("http://a/", "OK", "HTTP_ERROR")),
                List.of(new BaselineDiff.Change("http://b/", "TIMEOUT", "OK")),
                List.of(new BaselineDiff.Change("http://c/", "TIMEOUT", "TIMEOUT")), 4, 1, 0, 7);

        String report = BaselineReport.render(diff, "previous.json", Style.PLAIN);

        assertThat(report.lines()).containsExactly(
                "CHANGE     NOW                WAS                URL",
                "BROKEN     HTTP_ERROR         OK                 http://a/",
                "RECOVERED  OK                 TIMEOUT            http://b/",
                "",
                "urlcheck: since previous.json: 1 broken, 1 recovered, 1 still failing, 7 still OK, 4 new, 1 gone");
    }

    @Test
    void nothingChangedIsOneLineOfCountsAndSkippedOnlyWhenThereAreSome() {
        BaselineDiff diff = new BaselineDiff(List.of(), List.of(), List.of(), 0, 0, 2, 3);

        assertThat(BaselineReport.render(diff, "b.jsonl", Style.PLAIN)).isEqualTo(
                "urlcheck: since b.jsonl: 0 broken, 0 recovered, 0 still failing, 3 still OK, 0 new, 0 gone, 2 skipped\n");
    }
}
