package io.urlcheck.systemtests.dashboard;

import io.urlcheck.contract.DaemonThreads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Node script under {@code system-tests/src/test/browser} driving Debian's chromium through
 * playwright-core. Installs the pinned playwright-core with {@code npm ci} when it is missing.
 */
final class BrowserRun {

    /** Where Debian's chromium package puts the browser; the scripts launch exactly this one. */
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    /** What the script printed (stdout and stderr, interleaved) and how it exited. */
    record Outcome(int exitCode, String output) {
    }

    private BrowserRun() {
    }

    /** The directory of the browser scripts and their package.json. */
    static Path scripts(Path repo) {
        return repo.resolve("system-tests/src/test/browser");
    }

    /**
     * Fails with a clear reason when chromium, node or npm is missing, and runs {@code npm ci} when the
     * pinned playwright-core is not installed yet.
     */
    static void prepare(Path repo) throws IOException, InterruptedException {
        requireChromium(CHROMIUM);
        Path dir = scripts(repo);
        require(run(dir, List.of("node", "--version"), Duration.ofSeconds(30)), "node is required on the PATH");
        if (!Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
            require(run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), NPM_TIMEOUT),
                    "npm ci could not install playwright-core in " + dir);
        }
    }

    /** Fails, never skips, when {@code chromium} is not an executable: the browser tests must not pass unrun. */
    static void requireChromium(Path chromium) {
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("Debian's chromium is missing at " + chromium
                    + ": the dashboard's browser tests need it (apt-get install -y chromium)");
        }
    }

    /**
     * Runs {@code node script} with {@code env} added, handing every output line to {@code onLine} as it
     * arrives (on a reader thread), and returns once the script exited or {@code timeout} passed.
     */
    static Outcome node(Path repo, String script, Map<String, String> env, Duration timeout, Consumer<String> onLine)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(scripts(repo).toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return await(builder.start(), timeout, onLine);
    }

    private static Outcome run(Path dir, List<String> command, Duration timeout) throws IOException, InterruptedException {
        try {
            return await(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start(), timeout, line -> { });
        } catch (IOException e) {
            return new Outcome(-1, String.join(" ", command) + " could not start: " + e.getMessage());
        }
    }

    private static Outcome await(Process process, Duration timeout, Consumer<String> onLine) throws InterruptedException {
        StringBuilder output = new StringBuilder();
        Thread reader = DaemonThreads.start("browser-output", () -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    onLine.accept(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            synchronized (output) {
                return new Outcome(-1, output + "\n(killed after " + timeout.toSeconds() + " s)");
            }
        }
        reader.join(10000);
        synchronized (output) {
            return new Outcome(process.exitValue(), output.toString());
        }
    }

    private static void require(Outcome outcome, String reason) {
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException(reason + ":\n" + outcome.output());
        }
    }
}
