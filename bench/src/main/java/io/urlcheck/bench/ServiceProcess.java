package io.urlcheck.bench;

import io.urlcheck.testkit.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged urlcheck service ({@code quarkus-run.jar}) run as a child process, as in production: its
 * configuration as system properties, its output to a log file, its memory and CPU read from /proc.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Every child started, so that a bench JVM that dies or is interrupted leaves no service behind. */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "bench-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final long startedAtMillis = System.currentTimeMillis();

    private ServiceProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code jar} with {@code jvmOptions} and {@code properties} (as {@code -Dkey=value}) on a free
     * HTTP port, so it never collides with a service another engineer runs on its fixed port.
     */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, Map<String, String> properties,
                                       Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (see bench/README.md)");
        }
        int port = FreePorts.free();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            LIVE.add(process);
            return new ServiceProcess(name, process, log, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Peak RSS (VmHWM) so far, in MiB. */
    public double peakRssMib() {
        return ProcStatus.peakRssKib(process.pid()) / 1024.0;
    }

    /** Current RSS (VmRSS), in MiB. */
    public double rssMib() {
        return ProcStatus.rssKib(process.pid()) / 1024.0;
    }

    /** CPU seconds used so far. */
    public double cpuSeconds() {
        return ProcStatus.cpuSeconds(process.pid());
    }

    /** Fails with the log's tail when the process has died. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + tail(40));
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until {@code /q/health/ready} answers 200, failing with the log's tail if the process dies or time runs out. */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            requireAlive();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout + "; log tail:\n" + tail(30));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250); // polling the service's readiness endpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
        }
    }

    /** Sends SIGTERM without waiting, so several processes can drain at once before {@link #close}. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
    @Override
    public void close() {
        LIVE.remove(process);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + ", :" + httpPort + "]";
    }
}
