package io.urlcheck.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code urlcheck monitor}: only a container for {@code add}, {@code list}, {@code remove} and {@code events}. */
@Command(name = "monitor", sortOptions = false,
        description = {"Re-check a set of URLs on a schedule on a running stack, and read what changed: a monitor runs"
                + " its URLs as a job every interval (or by cron, in UTC), and the sink raises BROKEN, RECOVERED,"
                + " CHANGED and CERT_EXPIRING events, POSTed to the monitor's webhooks.", ""},
        subcommands = {MonitorAddCommand.class, MonitorListCommand.class, MonitorRemoveCommand.class,
                MonitorEventsCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ./urlcheck monitor add docs-site urls.txt --every 5m --webhook https://hooks.slack.com/services/T0/B0/X",
                "  ./urlcheck monitor list",
                "  ./urlcheck monitor events docs-site --type BROKEN --since 24h",
                "  ./urlcheck monitor remove docs-site",
                "",
                "Run './urlcheck monitor COMMAND --help' for a command's options."})
public final class MonitorCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a monitor command is required: add, list, remove or events");
    }

    /** A usage error of {@code ./urlcheck monitor SUBCOMMAND}: one line, exit code 2. */
    static Cli.UsageException usage(String subcommand, String message) {
        return new Cli.UsageException(message + " (see ./urlcheck monitor " + subcommand + " --help)");
    }
}
