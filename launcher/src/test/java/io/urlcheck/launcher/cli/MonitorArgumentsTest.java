package io.urlcheck.launcher.cli;

import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.launcher.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code ./urlcheck monitor ...} reads its arguments, before anything is sent. */
class MonitorArgumentsTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
        return type.cast(result.subcommand().subcommand().commandSpec().userObject());
    }

    private String list(String... lines) throws Exception {
        Path file = dir.resolve("urls-" + lines.length + ".txt");
        Files.write(file, List.of(lines));
        return file.toString();
    }

    @Test
    void addTurnsItsFlagsIntoTheMonitorItSends() throws Exception {
        String urls = list("# docs", "https://example.com/a", "", "  https://example.com/b  ", "https://example.com/a");
        MonitorAddCommand add = parse(MonitorAddCommand.class, "monitor", "add", "docs-site", urls, "--every", "5m",
                "--webhook", "https://hooks.example/one", "--webhook", "http://127.0.0.1:9/two", "--broken-after", "3",
                "--cert-expiry-days", "0", "--accept", "200..299,403", "--header", "Authorization: Bearer x",
                "--timeout", "5s", "--retries", "1");

        Monitor monitor = add.monitor(MonitorUrls.read(add.files, add.base, () -> null).urls());

        assertThat(monitor.name()).isEqualTo("docs-site");
        assertThat(monitor.schedule().every()).isEqualTo("5m");
        assertThat(monitor.urls()).as("comments, blanks and repeats dropped").containsExactly(
                "https://example.com/a", "https://example.com/b");
        assertThat(monitor.webhooks()).containsExactly("https://hooks.example/one", "http://127.0.0.1:9/two");
        assertThat(monitor.brokenAfter()).isEqualTo(3);
        assertThat(monitor.certExpiryDays()).isZero();
        assertThat(monitor.options().accept()).isEqualTo("200..299,403");
        assertThat(monitor.options().headers()).containsEntry("Authorization", "Bearer x");
        assertThat(monitor.options().timeoutMs()).isEqualTo(5000L);
        assertThat(monitor.options().retries()).isEqualTo(1);
    }

    @Test
    void addLeavesTheDefaultsToTheContractWhenNotGiven() throws Exception {
        MonitorAddCommand add = parse(MonitorAddCommand.class, "monitor", "add", "m", list("https://example.com/"),
                "--cron", "0 9 * * MON-FRI");

        Monitor monitor = add.monitor(List.of("https://example.com/"));

        assertThat(monitor.schedule().cron()).isEqualTo("0 9 * * MON-FRI");
        assertThat(monitor.brokenAfter()).isEqualTo(Monitor.DEFAULT_BROKEN_AFTER);
        assertThat(monitor.certExpiryDays()).isEqualTo(Monitor.DEFAULT_CERT_EXPIRY_DAYS);
        assertThat(monitor.webhooks()).isEmpty();
    }

    @Test
    void addNeedsExactlyOneOfEveryAndCron() throws Exception {
        String urls = list("https://example.com/");

        assertThat(execute("monitor", "add", "m", urls)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--every").contains("--cron");
        assertThat(execute("monitor", "add", "m", urls, "--every", "5m", "--cron", "* * * * *")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void addRefusesWhatTheContractRefusesWithAUsageErrorNamingIt() throws Exception {
        String urls = list("https://example.com/");

        assertThat(execute("monitor", "add", "has:colon", urls, "--every", "5m", "--producer", "http://127.0.0.1:9"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("name must match").contains("./urlcheck monitor add --help");
        assertThat(execute("monitor", "add", "m", urls, "--every", "5 minutes")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("every expects an interval");
        assertThat(execute("monitor", "add", "m", urls, "--cron", "61 * * * *")).isEqualTo(ExitCodes.USAGE);
        assertThat(execute("monitor", "add", "m", urls, "--every", "5m", "--webhook", "ftp://x.example/")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("webhooks[0]");
        assertThat(execute("monitor", "add", "m", urls, "--every", "5m", "--broken-after", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("brokenAfter must be 1 to 100");
        assertThat(execute("monitor", "add", "m", list(), "--every", "5m")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no URL to monitor");
        assertThat(execute("monitor", "add", "m", dir.resolve("missing.txt").toString(), "--every", "5m"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read");
    }

    @Test
    void addReadsTheLinksOfDocumentsAndLeavesRelativeOnesOutWithoutABase() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("index.md"), "See [a](https://example.com/a), [b](guide.html), [mail](mailto:x@y)\n"
                + "and [a again](https://example.com/a).\n");

        MonitorUrls withoutBase = MonitorUrls.read(List.of(docs.toString()), null, () -> null);
        MonitorUrls withBase = MonitorUrls.read(List.of(docs.toString()), "https://site.example/", () -> null);

        assertThat(withoutBase.urls()).containsExactly("https://example.com/a");
        assertThat(withoutBase.relativeLeftOut()).isEqualTo(1);
        assertThat(withBase.urls()).hasSize(2).contains("https://example.com/a")
                .anyMatch(u -> u.startsWith("https://site.example/") && u.endsWith("guide.html"));
        assertThat(withBase.relativeLeftOut()).isZero();
    }

    @Test
    void addNamesTheFileAndLineOfEachBadUrlUpToTen() throws Exception {
        List<String> lines = new ArrayList<>(List.of("https://example.com/ok"));
        for (int i = 0; i < 12; i++) {
            lines.add("ftp://files.example/" + i);
        }
        String urls = list(lines.toArray(String[]::new));
        Path docs = Files.createDirectories(dir.resolve("site"));
        Files.writeString(docs.resolve("page.md"), "intro\n\n[bad](ftp://files.example/doc)\n");

        assertThatThrownBy(() -> MonitorUrls.read(List.of(urls), null, () -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("12 URLs are not one a monitor can check (the first 10 shown): " + urls
                        + " line 2: ftp://files.example/0: ")
                .hasMessageContaining(urls + " line 11: ftp://files.example/9")
                .hasMessageNotContaining("files.example/10");
        assertThatThrownBy(() -> MonitorUrls.read(List.of(docs.toString()), null, () -> null))
                .hasMessageContaining(docs.resolve("page.md") + " line 3: ftp://files.example/doc: ");
    }

    @Test
    void addReadsStdinForADash() {
        MonitorUrls urls = MonitorUrls.read(List.of("-"), null,
                () -> new ByteArrayInputStream("https://a.example/\nhttps://b.example/\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(urls.urls()).containsExactly("https://a.example/", "https://b.example/");
    }

    @Test
    void eventsSinceTakesAnInstantOrATimeAgo() {
        Instant now = Instant.parse("2026-12-05T12:00:00.500Z");

        assertThat(MonitorEventsCommand.since("24h", now)).isEqualTo(Instant.parse("2026-12-04T12:00:00Z"));
        assertThat(MonitorEventsCommand.since("7d", now)).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(MonitorEventsCommand.since("30m", now)).isEqualTo(Instant.parse("2026-12-05T11:30:00Z"));
        assertThat(MonitorEventsCommand.since("2026-12-01T09:00:00Z", now)).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThatThrownBy(() -> MonitorEventsCommand.since("yesterday", now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--since expects");
    }

    @Test
    void eventsFiltersBecomeTheSinksQueryParameters() {
        MonitorEventsCommand events = parse(MonitorEventsCommand.class, "monitor", "events", "docs-site",
                "--type", "broken", "--since", "1h", "--url", "https://a.example/");

        Map<String, String> filter = events.filter(Instant.parse("2026-12-05T12:00:00Z"));

        assertThat(filter).containsEntry("monitor", "docs-site").containsEntry("type", MonitorEvent.Type.BROKEN.name())
                .containsEntry("since", "2026-12-05T11:00:00Z").containsEntry("url", "https://a.example/");
    }

    @Test
    void eventsRefusesANonPositiveLimitAndAnUnknownType() {
        assertThat(execute("monitor", "events", "--limit", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--limit must be at least 1");
        assertThat(execute("monitor", "events", "--type", "DOWN")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--type");
    }

    @Test
    void everyMonitorCommandHasHelpWithItsExamplesFromTheUsageBundle() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("monitor", "--help")).isZero();
        assertThat(cli.execute("monitor", "add", "--help")).isZero();
        assertThat(cli.execute("monitor", "events", "-h")).isZero();
        assertThat(cli.execute("--help")).isZero();

        assertThat(out.toString()).contains("Re-check a set of URLs on a schedule")
                .contains("Add the monitor NAME, or replace it").contains("--every=INTERVAL").contains("--webhook=URL")
                .contains("--accept=CODES").contains("./urlcheck monitor add docs-site urls.txt --every 5m")
                .contains("Print the events a running sink raised").contains("--since=WHEN")
                .contains("monitor  Re-check a set of URLs");
    }

    @Test
    void monitorAloneAsksForASubcommandAndRemoveForAName() {
        assertThat(execute("monitor")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("add, list, remove or events");
        assertThat(execute("monitor", "remove")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("NAME");
    }
}
