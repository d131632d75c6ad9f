package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.launcher.client.MonitorClient;
import io.urlcheck.launcher.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code urlcheck monitor events [NAME]}: what the sink saw change, newest first. */
@Command(name = "events", sortOptions = false)
public final class MonitorEventsCommand implements Callable<Integer> {

    /** What {@code --format} can print. */
    enum Format { table, json }

    /** The sink's largest page. */
    static final int PAGE = 1000;

    private static final Pattern AGO = Pattern.compile("(\\d{1,6})(s|m|h|d)");

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this monitor's events.")
    String monitor;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type: BROKEN, RECOVERED, CHANGED or CERT_EXPIRING.")
    MonitorEvent.Type type;

    @Option(names = "--url", paramLabel = "URL", description = "Only this URL's events.")
    String url;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only events at or after WHEN: an ISO instant (2026-12-01T09:00:00Z) or a time ago (30m, 24h, 7d).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most N events, the newest (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
            description = "One line per event, or JSON Lines of the events as the webhooks get them (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        Map<String, String> filter;
        try {
            filter = filter(Instant.now());
        } catch (IllegalArgumentException e) {
            throw MonitorCommand.usage("events", e.getMessage());
        }
        MonitorClient client = api.monitors();
        PrintStream out = System.out;
        int printed = 0;
        String cursor = null;
        do {
            filter.put("limit", Integer.toString(Math.min(PAGE, limit - printed)));
            filter.put("cursor", cursor);
            MonitorClient.EventPage page = client.events(filter);
            for (MonitorEvent event : page.items()) {
                if (printed < limit) {
                    out.println(format == Format.json ? JsonCodec.encodeToString(event) : line(event));
                    printed++;
                }
            }
            cursor = page.items().isEmpty() ? null : page.nextCursor();
        } while (cursor != null && printed < limit);
        if (printed == 0 && format == Format.table) {
            System.err.println("urlcheck: no events" + (monitor == null ? "" : " for monitor " + TerminalText.safe(monitor)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The query of {@code GET /api/events} these arguments give, {@code --since} read against {@code now}. */
    Map<String, String> filter(Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("monitor", monitor);
        filter.put("url", url);
        filter.put("type", type == null ? null : type.name());
        filter.put("since", since == null ? null : since(since, now).toString());
        return filter;
    }

    /** {@code 2026-12-01T09:00:00Z}, or {@code 24h} before {@code now}. */
    static Instant since(String text, Instant now) {
        String value = text.strip();
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration back = switch (ago.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
            return now.minus(back).truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since expects an ISO instant such as 2026-12-01T09:00:00Z or a time ago"
                    + " such as 30m, 24h or 7d; got '" + text + "'", e);
        }
    }

    /** {@code 2026-12-05T02:10:00Z  BROKEN         docs-site  https://example.com/a  HTTP_ERROR 503, ...}. */
    static String line(MonitorEvent e) {
        return String.format("%-20s  %-13s  %s  %s%s", MonitorListCommand.time(e.at()), e.type(),
                TerminalText.safe(e.monitor()), TerminalText.safe(e.url()),
                e.detail() == null || e.detail().isEmpty() ? "" : "  " + TerminalText.safe(e.detail()));
    }
}
