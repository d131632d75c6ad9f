package io.urlcheck.launcher.cli;

import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.Schedule;
import io.urlcheck.launcher.Main;
import io.urlcheck.launcher.client.MonitorSummary;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines of the commands (errors, monitor views) show control characters from outside escaped. */
class TerminalLinesTest {

    private static final String ESCAPES = "\u001b[2J\u001b]0;pwned\u0007\r\u202e";

    private static String errorOf(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.execute(args);
        return err.toString();
    }

    @Test
    void anErrorQuotingAnArgumentOrAFileNameShowsItsControlCharactersEscaped() {
        String launcherError = errorOf("run", "/no/such/" + ESCAPES + "urls.txt");
        assertThat(launcherError).contains("\\x1b[2J\\x1b]0;pwned\\x07\\x0d\\u202e");
        assertNoControls(launcherError);

        String parseError = errorOf("results", "--limit", ESCAPES);
        assertThat(parseError).contains("\\x1b[2J");
        assertNoControls(parseError);
    }

    @Test
    void monitorEventsAndTheMonitorListShowRemoteTextEscaped() {
        MonitorEvent event = new MonitorEvent(1, "id", MonitorEvent.Type.CHANGED, "m" + ESCAPES, "http://h/" + ESCAPES,
                "j", Instant.EPOCH, null, null, "title " + ESCAPES, "t");
        assertNoControls(MonitorEventsCommand.line(event));

        MonitorSummary monitor = new MonitorSummary("m" + ESCAPES, Schedule.every("5m"), 1, 0, 2, 14, null, null);
        assertNoControls(MonitorListCommand.table(List.of(monitor)));
    }

    private static void assertNoControls(String text) {
        assertThat(text.chars().filter(c -> c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))).toArray())
                .as("control characters in %s", text).isEmpty();
    }
}
