package io.urlcheck.launcher.output;

import io.urlcheck.launcher.client.JobStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static JobStatus checked(long checked) {
        return new JobStatus("j", 10, 10, 0, 0, 0, 10, checked, 10 - checked, 2.0, 4L, true, checked == 10, null, null,
                Map.of("OK", checked));
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quietShowsNothing() {
        try (Progress progress = Progress.create(Style.PLAIN, true, err)) {
            progress.update(checked(5));
        }
        assertThat(written()).isEmpty();
    }

    @Test
    void aPipeGetsPlainLinesNotABar() {
        try (Progress progress = Progress.create(Style.PLAIN, false, err)) {
            assertThat(progress).isInstanceOf(LineProgress.class);
        }
    }

    @Test
    void linesComeAtMostOncePerIntervalAndTheLastStatusAtTheEnd() {
        try (Progress progress = new LineProgress(err, Duration.ofHours(1))) {
            progress.update(checked(3));
            progress.update(checked(7));
        }
        assertThat(written().lines()).containsExactly("urlcheck: checked 7/10 (70.0%), 2.0/s, ETA 4s, OK 7");
    }

    @Test
    void withNoIntervalEveryStatusIsALine() {
        try (Progress progress = new LineProgress(err, Duration.ZERO)) {
            progress.update(checked(3));
        }
        assertThat(written().lines()).containsExactly("urlcheck: checked 3/10 (30.0%), 2.0/s, ETA 4s, OK 3",
                "urlcheck: checked 3/10 (30.0%), 2.0/s, ETA 4s, OK 3");
    }

    @Test
    void aNoteOnAColourTerminalErasesTheBarsLineAndTakesALineOfItsOwn() {
        try (Progress progress = Progress.create(new Style(true, true), false, err)) {
            progress.update(checked(3));
            progress.note("urlcheck: worker-1 exited with code 137; restarting it");
        }
        assertThat(written()).contains("\r\u001b[Kurlcheck: worker-1 exited with code 137; restarting it" + System.lineSeparator());
    }

    @Test
    void aNoteOnATerminalWithoutAnsiStartsBelowTheBarNotInsideIt() {
        try (Progress progress = Progress.create(new Style(true, false), false, err)) {
            progress.update(checked(3));
            progress.note("urlcheck: worker-1 restarted");
        }
        assertThat(written()).contains(System.lineSeparator() + "urlcheck: worker-1 restarted" + System.lineSeparator())
                .doesNotContain("\u001b[K");
    }

    @Test
    void aNoteIsALineOfItsOwnBesideProgressLinesAndUnderQuietToo() {
        try (Progress lines = new LineProgress(err, Duration.ofHours(1)); Progress quiet = Progress.create(Style.PLAIN, true, err)) {
            lines.update(checked(3));
            lines.note("urlcheck: sink restarted");
            quiet.note("urlcheck: worker-1 restarted");
        }
        assertThat(written().lines()).containsExactly("urlcheck: sink restarted", "urlcheck: worker-1 restarted",
                "urlcheck: checked 3/10 (30.0%), 2.0/s, ETA 4s, OK 3");
    }

    @Test
    void aJobNeverSeenEndsWithoutALine() {
        new LineProgress(err, Duration.ZERO).close();

        assertThat(written()).isEmpty();
    }

    @Test
    void outcomesFollowTheContractsOrderWithUnknownNamesLast() {
        assertThat(ProgressText.sorted(Map.of("ZZZ", 1L, "TIMEOUT", 2L, "OK", 3L, "AAA", 4L)).keySet())
                .containsExactly("OK", "TIMEOUT", "AAA", "ZZZ");
    }
}
