package io.urlcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the baseline, {@code shared/peers/asyncio_checker.py}, with the system interpreter on a URL file
 * and reads its one-line report. The shell's {@code times} adds the interpreter's CPU seconds, a figure
 * that stays meaningful on a noisy shared machine.
 */
public final class AsyncioPeer {

    private static final Pattern REPORT = Pattern.compile(
            "(\\w+): (\\d+) urls, ok=(\\d+), ([0-9.]+)s, (\\d+) urls/s, maxrss=(\\d+) MiB");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s\\s*$");

    /** One run's figures as the peer reports them. */
    public record Result(String lib, int urls, int ok, double seconds, double urlsPerSecond, int maxRssMib,
                         double cpuSeconds) {
    }

    private final Path script;
    private final String python;

    public AsyncioPeer(Path script, String python) {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("asyncio peer not found at " + script + " (set --peer)");
        }
        this.script = script;
        this.python = python;
    }

    /** Checks every URL in {@code urls} with {@code concurrency} in flight; {@code lib} is aiohttp or httpx. */
    public Result run(Path urls, int concurrency, String lib, Path out) {
        String command = "\"$@\"; status=$?; times; exit $status";
        try {
            String text = Commands.output(List.of("bash", "-c", command, "peer", python, script.toString(),
                    urls.toString(), "--concurrency", Integer.toString(concurrency), "--timeout", "10",
                    "--out", out.toString(), "--lib", lib), "the asyncio peer", python);
            Matcher report = REPORT.matcher(text);
            if (!report.find()) {
                throw new IllegalStateException("no report line from the asyncio peer: " + text);
            }
            Matcher times = TIMES.matcher(text.strip());
            double cpu = times.find()
                    ? Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                    + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4))
                    : -1;
            return new Result(report.group(1), Integer.parseInt(report.group(2)), Integer.parseInt(report.group(3)),
                    Double.parseDouble(report.group(4)), Double.parseDouble(report.group(5)),
                    Integer.parseInt(report.group(6)), cpu);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a leftover results file in the temp dir is harmless
            }
        }
    }
}
