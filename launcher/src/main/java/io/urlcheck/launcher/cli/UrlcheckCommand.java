package io.urlcheck.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code urlcheck} command: only a container for its subcommands. */
@Command(name = "urlcheck", mixinStandardHelpOptions = true, version = "urlcheck 0.1.0-SNAPSHOT",
        description = {"Check URLs at scale: a Kafka-backed pipeline of producer, workers and sink. 'run' does everything on this machine in one command; 'up' keeps a local stack running for 'submit', 'results', 'summary' and 'watch'.", ""},
        subcommands = {RunCommand.class, UpCommand.class, SubmitCommand.class, ResultsCommand.class,
                SummaryCommand.class, WatchCommand.class, MonitorCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  ./urlcheck run urls.txt                       # check, write results.json, print a summary",
                "  ./urlcheck up --workers 2                     # a running stack on ports 8081-8083, 9092",
                "  ./urlcheck submit urls.txt --wait             # against a running stack",
                "  ./urlcheck results --outcome HTTP_ERROR",
                "",
                "Run './urlcheck COMMAND --help' for a command's options."})
public final class UrlcheckCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
