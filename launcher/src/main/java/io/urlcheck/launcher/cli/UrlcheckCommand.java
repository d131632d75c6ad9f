package io.urlcheck.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code urlcheck} command: only a container for its subcommands. Every command's description and examples are
 * in {@code UsageHelp.properties} (its resource bundle, which the subcommands inherit), and every command takes the
 * {@code -h}/{@code --help} declared here.
 */
@Command(name = "urlcheck", version = "urlcheck 0.1.0-SNAPSHOT", resourceBundle = "io.urlcheck.launcher.cli.UsageHelp",
        subcommands = {RunCommand.class, UpCommand.class, SubmitCommand.class, ResultsCommand.class,
                SummaryCommand.class, WatchCommand.class})
public final class UrlcheckCommand implements Runnable {

    /** Inherited by every subcommand, where it comes last in the option list as their own did. */
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT)
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
