package io.urlcheck.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code urlcheck monitor}: only a container for {@code add}, {@code list}, {@code remove} and {@code events}. */
@Command(name = "monitor", sortOptions = false,
        subcommands = {MonitorAddCommand.class, MonitorListCommand.class, MonitorRemoveCommand.class,
                MonitorEventsCommand.class})
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
