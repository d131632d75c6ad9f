package io.urlcheck.launcher;

import io.urlcheck.launcher.cli.ConfigFile;
import io.urlcheck.launcher.cli.ExitCodes;
import io.urlcheck.launcher.cli.UrlcheckCommand;
import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.output.TerminalText;
import io.urlcheck.launcher.stack.StackException;
import picocli.CommandLine;

import java.io.PrintWriter;
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
            printError(commandLine.getErr(), e.getMessage());
            return ExitCodes.USAGE;
        }
        return commandLine.execute(expanded);
    }

    /** The configured picocli command line, shared with tests of argument parsing. */
    public static CommandLine commandLine() {
        return new CommandLine(new UrlcheckCommand())
                .setUsageHelpWidth(100)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::parameterError)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e.getClass().getSimpleName().equals("UsageException")) {
                        printError(cmd.getErr(), e.getMessage());
                        return ExitCodes.USAGE;
                    }
                    if (e instanceof StackException || e instanceof ApiException || e instanceof UncheckedIOException) {
                        printError(cmd.getErr(), e.getMessage());
                    } else {
                        printError(cmd.getErr(), "unexpected error: " + e);
                    }
                    if (System.getenv("URLCHECK_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return ExitCodes.ERROR;
                });
    }

    /**
     * picocli's own handling of a command line it cannot parse (the message, then suggestions or the usage help),
     * with the message's control characters escaped: it quotes the argument as typed.
     */
    private static int parameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getColorScheme().errorText(TerminalText.safeLines(e.getMessage())));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr())) {
            e.getCommandLine().usage(cmd.getErr(), cmd.getColorScheme());
        }
        return ExitCodes.USAGE;
    }

    /**
     * The one way an error reaches the terminal: {@code urlcheck: } and the message, whose control characters are
     * escaped, since it may quote a service's answer, a log line, an input line or an argument.
     */
    private static void printError(PrintWriter err, String message) {
        err.println("urlcheck: " + TerminalText.safeLines(message));
    }
}
