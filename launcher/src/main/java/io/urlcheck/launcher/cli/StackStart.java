package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.StackConfig;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code run} and {@code up} share: the local stack's configuration from their options, and a start-up
 * that the first Ctrl+C or SIGTERM cuts short.
 */
final class StackStart {

    private StackStart() {
    }

    /** A builder for a stack in a fresh run directory named after {@code command}. */
    static StackConfig.Builder builder(String command) {
        return StackConfig.builder(Workspace.home(), Workspace.newRunDir(command));
    }

    /**
     * The configuration: {@code base} (which may check the command's own arguments first), then the worker and
     * stack options; any {@link IllegalArgumentException} is a usage error of {@code command} (exit 2).
     */
    static StackConfig configure(Object command, Supplier<StackConfig.Builder> base, WorkerOptions worker,
                                 StackOptions stack, boolean fixedDefaults) {
        return Cli.checked(command, () -> {
            StackConfig.Builder builder = base.get();
            worker.applyTo(builder);
            stack.applyTo(builder, fixedDefaults);
            return builder.build();
        });
    }

    /**
     * Starts the stack (saying so on stderr when {@code announce}), interrupted by the first stop signal.
     * Empty when a stop signal cut the start-up short (what had started is stopped again); any other failure
     * to start is thrown.
     */
    static Optional<LocalStack> start(StackConfig config, Interrupts interrupts, boolean announce) {
        if (announce) {
            System.err.println("urlcheck: starting Kafka and the services (logs in " + config.runDir().resolve("logs") + ")");
        }
        interrupts.interruptOnFirst(Thread.currentThread());
        try {
            return Optional.of(LocalStack.start(config));
        } catch (RuntimeException e) {
            if (interrupts.requested()) {
                Thread.interrupted();
                return Optional.empty();
            }
            throw e;
        } finally {
            interrupts.interruptOnFirst(null);
        }
    }
}
