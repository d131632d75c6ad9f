package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.output.Style;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.launcher.stack.StackConfig;
import io.urlcheck.launcher.stack.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code urlcheck up}: starts the local stack and keeps it running until Ctrl+C; a part that exits or reports itself
 * not live is restarted ({@link Supervisor}).
 */
@Command(name = "up", sortOptions = false)
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Worker processes in one consumer group (1 to 8; default: ${DEFAULT-VALUE}).")
    int workers;

    @Mixin
    StackOptions stack;

    @Mixin
    ConfigOption config;

    @Mixin
    WorkerOptions worker;

    @Override
    public Integer call() throws Exception {
        StackConfig config = StackStart.configure(this, () -> {
            if (workers < 1 || workers > LocalStack.REQUEST_PARTITIONS) {
                throw new IllegalArgumentException("--workers must be between 1 and " + LocalStack.REQUEST_PARTITIONS
                        + " (the request topic's partitions), got " + workers);
            }
            return StackStart.builder("up").workers(workers).serving(true);
        }, worker, stack, true);
        Interrupts interrupts = Interrupts.install(System.err);
        Optional<LocalStack> ready = StackStart.start(config, interrupts, true);
        if (ready.isEmpty()) {
            return ExitCodes.OK;
        }
        LocalStack local = ready.get();
        try (Supervisor supervisor = Supervisor.start(local.supervised(), System.err::println)) {
            printEndpoints(local, System.out, Style.detect("stdout"));
            interrupts.await();
            System.err.println("urlcheck: stopping (workers drain first)...");
        } finally {
            local.stop(); // after the supervisor has stopped watching, so that nothing stopping is restarted
        }
        System.err.println("urlcheck: stopped");
        return ExitCodes.OK;
    }

    /**
     * The ready line and the endpoints, written to {@code out} in one piece: a script that waits for
     * "urlcheck is up" and then reads the endpoints finds them all, never the first line alone.
     */
    static void printEndpoints(LocalStack local, PrintStream out, Style style) {
        StringBuilder block = new StringBuilder();
        block.append(String.format("urlcheck is up (ready in %.1f s); Ctrl+C stops it.%n", local.startupTime().toMillis() / 1000.0));
        block.append(String.format("  %s %s/api/jobs        (Swagger UI %s/q/swagger-ui)%n",
                style.bold(String.format("%-10s", "producer")), local.producerUrl(), local.producerUrl()));
        for (ServiceProcess w : local.workers()) {
            block.append(String.format("  %s %s/q/health%n", style.bold(String.format("%-10s", w.name())), w.baseUrl()));
        }
        block.append(String.format("  %s %s/api/results     (Swagger UI %s/q/swagger-ui)%n",
                style.bold(String.format("%-10s", "sink")), local.sinkUrl(), local.sinkUrl()));
        block.append(String.format("  %s %s/%n", style.bold(String.format("%-10s", "dashboard")), local.sinkUrl()));
        block.append(String.format("  %s %s%n", style.bold(String.format("%-10s", "kafka")), local.bootstrapServers()));
        block.append(String.format("  %s %s%n", style.bold(String.format("%-10s", "logs")), local.logDir()));
        out.print(block);
        out.flush();
    }
}
