package io.urlcheck.launcher.stack;

import java.time.Duration;

/**
 * A part of the local stack that runs as a child JVM serving on a loopback port: the broker ({@link KafkaProcess})
 * or a service ({@link ServiceProcess}). What they share is how they are stopped and what they expose of their
 * process; how each starts and when it is ready is its own.
 */
public abstract class StackProcess {

    private final int port;
    private final ChildProcess process;

    StackProcess(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /** SIGTERM, then SIGKILL after {@code grace}: a controlled shutdown (a broker's, a worker's drain). */
    public void stop(Duration grace) {
        process.stop(grace);
    }

    /** SIGKILL: it dies mid-work, without a controlled shutdown. */
    public void kill() {
        process.kill();
    }

    /** The port it serves on: a broker's client port, a service's HTTP port. */
    public int port() {
        return port;
    }

    /** The underlying child process, for pids, exit codes and logs. */
    public ChildProcess process() {
        return process;
    }
}
