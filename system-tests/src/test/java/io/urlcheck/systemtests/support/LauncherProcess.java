package io.urlcheck.systemtests.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built launcher ({@code launcher/target/urlcheck-launcher.jar}) run as a real process, the way
 * {@code ./urlcheck} runs it, with stdout and stderr captured to files in a working directory.
 */
public record LauncherProcess(Process process, Path stdoutFile, Path stderrFile) implements AutoCloseable {

    /** Starts {@code urlcheck <args>} in {@code workDir}. */
    public static LauncherProcess start(Path workDir, String... args) {
        return start(workDir, Map.of(), args);
    }

    /** Starts {@code urlcheck <args>} in {@code workDir} with {@code environment} added to this JVM's. */
    public static LauncherProcess start(Path workDir, Map<String, String> environment, String... args) {
        Path home = Home.path();
        Path jar = home.resolve("launcher/target/urlcheck-launcher.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the launcher first");
        }
        // As from a terminal: SIGINT at its default. A test JVM started in the background by a
        // non-interactive shell inherits SIGINT as ignored, and a JVM keeps an ignored SIGINT ignored,
        // so without this a Ctrl+C test would pass or fail by how CI happened to be started.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Durlcheck.home=" + home, "-Durlcheck.stdout.tty=false", "-Durlcheck.stderr.tty=false",
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(workDir);
            String name = args.length == 0 ? "urlcheck" : args[0];
            Path out = Files.createTempFile(workDir, name + "-", ".out");
            Path err = Files.createTempFile(workDir, name + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process p = builder.start();
            return new LauncherProcess(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code urlcheck <args>} to the end (at most {@code timeout}) and returns it, exited. */
    public static LauncherProcess run(Path workDir, Duration timeout, String... args) {
        return run(workDir, timeout, Map.of(), args);
    }

    /** Runs {@code urlcheck <args>} with {@code environment} added, to the end (at most {@code timeout}). */
    public static LauncherProcess run(Path workDir, Duration timeout, Map<String, String> environment, String... args) {
        LauncherProcess p = start(workDir, environment, args);
        if (!p.awaitExit(timeout)) {
            p.close();
            throw new AssertionError("urlcheck " + String.join(" ", args) + " did not finish within " + timeout
                    + "\nstdout:\n" + p.stdout() + "\nstderr:\n" + p.stderr());
        }
        return p;
    }

    /** Waits up to {@code timeout} for the launcher to exit; true if it did. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit code; the process must have exited. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Sends a signal ({@code INT}, {@code KILL}...) as {@code kill -SIG pid} would. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The launcher's process. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The launcher's child processes (broker, services) alive right now. */
    public List<ProcessHandle> children() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** True while the launcher runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything written to stdout so far. */
    public String stdout() {
        return read(stdoutFile);
    }

    /**
     * True once {@code up} has printed its whole ready block, from "urlcheck is up" to the last line, which
     * names the logs: the file may be read between two of the block's lines.
     */
    public boolean reportedUp() {
        String out = stdout();
        int ready = out.indexOf("urlcheck is up");
        return ready >= 0 && out.indexOf("\n  logs ", ready) >= 0 && out.endsWith("\n");
    }

    /** Everything written to stderr so far. */
    public String stderr() {
        return read(stderrFile);
    }

    /** stdout and stderr, for assertion messages. */
    public String describe() {
        return "exit " + (process.isAlive() ? "(running)" : process.exitValue()) + "\n--- stdout ---\n" + stdout()
                + "\n--- stderr ---\n" + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the launcher and its children if still running (a test's cleanup). */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitExit(Duration.ofSeconds(10));
    }
}
