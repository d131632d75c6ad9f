package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Schedule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code urlcheck monitor add NAME FILE...}: stores a monitor on a running stack's producer (or replaces it). */
@Command(name = "add", sortOptions = false)
public final class MonitorAddCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The monitor's name: letters, digits, '.', '_' and '-', up to 64.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE|-",
            description = "URLs, one per line (blank lines and # comments are skipped); or .md, .html, .htm files and folders of them, whose links are monitored.")
    List<String> files;

    @Option(names = "--base", paramLabel = "URL",
            description = "Resolve relative links of documents against URL; without it they are left out.")
    String base;

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    /** The schedule: exactly one of {@code --every} and {@code --cron}. */
    static final class When {
        @Option(names = "--every", paramLabel = "INTERVAL", required = true,
                description = "Run every INTERVAL: 30s, 5m, 2h (1s to 31 days; ticks are multiples of it since the epoch).")
        String every;

        @Option(names = "--cron", paramLabel = "'M H DOM MON DOW'", required = true,
                description = "Run by a five-field cron expression, in UTC, e.g. '0 9 * * MON-FRI'.")
        String cron;
    }

    @Option(names = "--webhook", paramLabel = "URL",
            description = "POST each event to this http(s) URL as JSON with a Slack-style text field; repeatable, up to 10.")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--broken-after", paramLabel = "K",
            description = "Consecutive failures before a URL is BROKEN, 1 to 100 (default: " + Monitor.DEFAULT_BROKEN_AFTER + ").")
    Integer brokenAfter;

    @Option(names = "--cert-expiry-days", paramLabel = "N",
            description = "Raise CERT_EXPIRING when a certificate ends within N days, 0 to 365; 0 = never (default: "
                    + Monitor.DEFAULT_CERT_EXPIRY_DAYS + ").")
    Integer certExpiryDays;

    @Mixin
    ApiOptions api;

    @Mixin
    JobSubmitFlags job;

    @Override
    public Integer call() {
        Monitor monitor;
        MonitorUrls urls;
        try {
            urls = MonitorUrls.read(files, base, () -> System.in);
            monitor = monitor(urls.urls());
        } catch (IllegalArgumentException e) {
            throw MonitorCommand.usage("add", e.getMessage());
        }
        if (urls.relativeLeftOut() > 0) {
            System.err.printf("urlcheck: %d relative link%s left out: give --base URL to monitor them%n",
                    urls.relativeLeftOut(), urls.relativeLeftOut() == 1 ? "" : "s");
        }
        boolean replaced = api.monitors().save(monitor);
        System.out.printf("monitor %s %s: %s, %s, %s, BROKEN after %s%n", monitor.name(), replaced ? "replaced" : "added",
                plural(monitor.urls().size(), "URL"), monitor.schedule(), plural(monitor.webhooks().size(), "webhook"),
                plural(monitor.brokenAfter(), "failure"));
        System.out.flush();
        return ExitCodes.OK;
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** The monitor these arguments describe; the contract's checks give the usage errors. */
    Monitor monitor(List<String> urls) {
        Schedule schedule = when.every != null ? Schedule.every(when.every) : Schedule.cron(when.cron);
        JobOptions options = job.toJobOptions();
        return new Monitor(name, schedule, urls, options, webhooks, brokenAfter, certExpiryDays);
    }
}
