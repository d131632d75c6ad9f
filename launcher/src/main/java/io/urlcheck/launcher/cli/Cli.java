package io.urlcheck.launcher.cli;

import io.urlcheck.contract.DaemonThreads;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Small helpers shared by the commands. */
final class Cli {

    private Cli() {
    }

    /** A usage error for {@code command}: printed as one line with a pointer to {@code --help}, exit code 2. */
    static UsageException usage(Object command, String message) {
        String name = command.getClass().getSimpleName().replace("Command", "").toLowerCase();
        return new UsageException(message + " (see ./urlcheck " + name + " --help)");
    }

    /**
     * What {@code check} returns: the commands read and check their options with it, and an
     * {@link IllegalArgumentException} it throws is a usage error of {@code command} (exit 2).
     */
    static <T> T checked(Object command, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw usage(command, e.getMessage());
        }
    }

    /** An executor running each task on a fresh daemon thread, so a stuck upload never holds the JVM. */
    static Executor daemonExecutor(String name) {
        return task -> DaemonThreads.start("urlcheck-" + name, task);
    }

    /** A command-line mistake found after parsing. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
