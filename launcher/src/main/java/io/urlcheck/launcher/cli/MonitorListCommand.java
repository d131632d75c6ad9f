package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JsonCodec;
import io.urlcheck.launcher.client.MonitorSummary;
import io.urlcheck.launcher.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code urlcheck monitor list}: the producer's monitors, one line each. */
@Command(name = "list", sortOptions = false)
public final class MonitorListCommand implements Callable<Integer> {

    /** What {@code --format} can print. */
    enum Format { table, json }

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        List<MonitorSummary> monitors = api.monitors().list();
        PrintStream out = System.out;
        if (format == Format.json) {
            out.println(JsonCodec.encodeToString(monitors));
        } else {
            out.print(table(monitors));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** An aligned table with a header, or a line saying there is no monitor. */
    static String table(List<MonitorSummary> monitors) {
        if (monitors.isEmpty()) {
            return "no monitors (add one with ./urlcheck monitor add NAME FILE --every 5m)\n";
        }
        int width = Math.max(4, monitors.stream().mapToInt(m -> TerminalText.safe(m.name()).length()).max().orElse(0));
        int scheduleWidth = Math.max(8, monitors.stream().mapToInt(m -> TerminalText.safe(m.schedule().toString()).length()).max().orElse(0));
        String row = "%-" + width + "s  %-" + scheduleWidth + "s  %7s  %8s  %-20s  %s";
        StringBuilder out = new StringBuilder(String.format(row, "NAME", "SCHEDULE", "URLS", "WEBHOOKS", "LAST RUN", "NEXT RUN"))
                .append('\n');
        for (MonitorSummary m : monitors) {
            out.append(String.format(row, TerminalText.safe(m.name()), TerminalText.safe(m.schedule().toString()), m.urls(), m.webhooks(), time(m.lastTick()), time(m.nextTick())))
                    .append('\n');
        }
        return out.toString();
    }

    /** An instant to the second, or {@code -}. */
    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
