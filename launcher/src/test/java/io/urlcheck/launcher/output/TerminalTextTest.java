package io.urlcheck.launcher.output;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.Summary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    /** What esc_srv.py of the user review served as a title: clear the screen, set the window title, ring. */
    private static final String HOSTILE_TITLE = "\u001b[2J\u001b]0;PWNED-TITLE\u0007Hello";
    /** A rejected input line echoed back: colour, an OSC, a tab, a carriage return, DEL, a C1 CSI and a bidi override. */
    private static final String HOSTILE_LINE = "http://127.0.0.1:18999/ok/\u001b[31mRED\u001b[0m\u001b]0;pwned\u0007\tx\ry\u007f\u009b\u202egpj.exe";

    @Test
    void everyControlAndBidiCharacterIsShownEscaped() {
        assertThat(TerminalText.safe(HOSTILE_TITLE)).isEqualTo("\\x1b[2J\\x1b]0;PWNED-TITLE\\x07Hello");
        assertThat(TerminalText.safe("a\tb\rc\nd\u007fe\u0085f\u009fg\u202ah\u2066i\u2069j"))
                .isEqualTo("a\\x09b\\x0dc\\x0ad\\x7fe\\x85f\\x9fg\\u202ah\\u2066i\\u2069j");
        assertThat(TerminalText.safe(null)).isEmpty();
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Pricing – Example ☕ 日本語 שלום مرحبا \u200f";
        assertThat(TerminalText.safe(text)).isSameAs(text);
        assertThat(TerminalText.safeLines("first\nsecond\u001b")).isEqualTo("first\nsecond\\x1b");
    }

    @Test
    void theResultsTableShowsHostileTitlesUrlsAndErrorsEscaped() {
        CheckResult titled = CheckResult.builder().jobId("j").input("http://h/esc").url("http://h/esc")
                .outcome(Outcome.OK).statusCode(200).title(HOSTILE_TITLE).attempts(1).checkedAt(Instant.EPOCH).build();
        CheckResult rejected = CheckResult.invalid("j", HOSTILE_LINE, HOSTILE_LINE, "contains ESC\u001b[2J", Instant.EPOCH);

        assertNoControls(ResultTable.row(titled, Style.PLAIN));
        assertThat(ResultTable.row(titled, Style.PLAIN)).contains("\\x1b]0;PWNED-TITLE\\x07Hello");
        assertNoControls(ResultTable.row(rejected, Style.PLAIN));
        assertNoControls(ResultTable.row(rejected, new Style(true, true)).replace("\u001b[33m", "").replace("\u001b[0m", ""));
    }

    @Test
    void theSummaryTableAndProgressLinesShowHostileUrlsHostsAndOutcomesEscaped() {
        Summary summary = new Summary(2, Map.of("OK", 1L, "X\u001b[2J", 1L), Map.of(), new Summary.Latency(1L, 2L, 3L),
                List.of(new Summary.SlowUrl(HOSTILE_LINE, 3L)), List.of(new Summary.FailingHost("h\u001b]0;t\u0007", 1)));
        assertNoControls(SummaryTable.render(summary, Style.PLAIN).replace("\n", ""));

        JobStatus status = new JobStatus("j\u001b[2J", 2, 2, 0, 0, 0, 2, 2, 0, 1.0, 0L, true, true,
                null, null, Map.of("OK", 1L, "X\u001b[2J", 1L));
        assertNoControls(ProgressText.line(status));
    }

    @Test
    void theBaselineReportShowsHostileUrlsEscaped() {
        BaselineDiff diff = new BaselineDiff(List.of(new BaselineDiff.Change(HOSTILE_LINE, "OK", "HTTP_ERROR\u0007")),
                List.of(), List.of(), 0, 0, 0, 0);
        assertNoControls(BaselineReport.render(diff, "b\u001b[2J.json", Style.PLAIN).replace("\n", ""));
    }

    static void assertNoControls(String text) {
        assertThat(text.chars().filter(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)).toArray())
                .as("control characters in %s", text).isEmpty();
    }
}
