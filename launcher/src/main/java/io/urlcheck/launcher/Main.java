package io.urlcheck.launcher;

import io.urlcheck.launcher.cli.ConfigFile;
import io.urlcheck.launcher.cli.ExitCodes;
import io.urlcheck.launcher.cli.UrlcheckCommand;
import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.stack.StackException;
import picocli.CommandLine;

import java.io.UncheckedIOException;

/** The entry point of {@code ./urlcheck}: parses the command line and maps failures to one line and an exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (see {@link ExitCodes}), without exiting. */
    public static int execute(String... args) {
        // The launcher's own Kafka admin client must not chatter on the user's terminal.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "error"));
        CommandLine commandLine = commandLine();
        String[] expanded;
        try {
            expanded = ConfigFile.expand(args, commandLine);
        } catch (IllegalArgumentException e) {
            commandLine.getErr().println("urlcheck: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return commandLine.execute(expanded);
    }

    /** The configured picocli command line, shared with tests of argument parsing. */
    public static CommandLine commandLine() {
        return new CommandLine(new UrlcheckCommand())
                .setUsageHelpWidth(100)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e.getClass().getSimpleName().equals("UsageException")) {
                        cmd.getErr().println("urlcheck: " + e.getMessage());
                        return ExitCodes.USAGE;
                    }
                    if (e instanceof StackException || e instanceof ApiException || e instanceof UncheckedIOException) {
                        cmd.getErr().println("urlcheck: " + e.getMessage());
                    } else {
                        cmd.getErr().println("urlcheck: unexpected error: " + e);
                    }
                    if (System.getenv("URLCHECK_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return ExitCodes.ERROR;
                });
    }
}
