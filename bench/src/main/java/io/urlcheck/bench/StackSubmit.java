package io.urlcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack: the README's stack as a user runs it. {@code ./urlcheck up} once, then {@code ./urlcheck submit FILE --wait}
 * timed as a whole command, against the asyncio checker's whole command on the same list and target, one after the
 * other in each round. Target (issue #21, item 4): urlcheck's rate at least 3x the asyncio checker's over 100,000
 * URLs. The stack takes the launcher's default ports, so nothing else may hold them.
 */
final class StackSubmit {

    /** The summary's OK row: {@code OK    100000   100.0%}. */
    private static final Pattern OK_ROW = Pattern.compile("(?m)^OK\\s+(\\d+)\\s");
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);

    private StackSubmit() {
    }

    static void run(Bench bench) throws Exception {
        Options o = bench.options();
        int urls = o.integer("urls", 100_000);
        int concurrency = o.integer("concurrency", 256);
        int workers = o.integer("workers", 1);
        Path urlcheck = bench.home().resolve("urlcheck");
        Report report = new Report("stack", bench);
        report.row("URLs", "asyncio URL/s (median)", "urlcheck URL/s (median)", "ratio", "target", "met");
        Samples samples = new Samples();
        List<Object> runs = new ArrayList<>();
        try (TargetFarm target = bench.target(Hosts.first(o.integer("hosts", 16)), 0, true)) {
            Path list = bench.writeUrls(target, urls, "stack");
            Process up = startStack(bench, urlcheck, workers);
            try {
                for (int run = 1; run <= bench.runs(); run++) {
                    String name = "stack-" + run;
                    String load = Machine.loadAverage();
                    long t0 = System.nanoTime();
                    bench.peer().run(list, concurrency, "aiohttp", bench.runDir().resolve(name + "-peer.json"));
                    double peerSeconds = (System.nanoTime() - t0) / 1e9;
                    double oursSeconds = submit(bench, urlcheck, list, urls, name);
                    double peerRate = urls / peerSeconds;
                    double ourRate = urls / oursSeconds;
                    Bench.log("%s: asyncio %.2f s = %.0f URL/s, urlcheck submit --wait %.2f s = %.0f URL/s (%.2fx; load %s)",
                            name, peerSeconds, peerRate, oursSeconds, ourRate, ourRate / peerRate, load);
                    samples.add("asyncio", peerRate);
                    samples.add("urlcheck", ourRate);
                    samples.add("ratio", ourRate / peerRate);
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("load", load);
                    record.put("asyncioSeconds", Stats.round(peerSeconds, 3));
                    record.put("urlcheckSeconds", Stats.round(oursSeconds, 3));
                    runs.add(record);
                }
            } finally {
                stop(up);
            }
        }
        double ratio = samples.median("ratio");
        report.row(urls, samples.median("asyncio"), samples.median("urlcheck"), String.format("%.2fx", ratio), ">= 3x",
                ratio >= 3 ? "yes" : "NO");
        report.put("urls", urls).put("concurrency", concurrency).put("workers", workers).put("runs", runs)
                .put("medianAsyncioUrlsPerSecond", Stats.round(samples.median("asyncio"), 1))
                .put("medianUrlcheckUrlsPerSecond", Stats.round(samples.median("urlcheck"), 1))
                .put("medianRatio", Stats.round(ratio, 3)).put("met", ratio >= 3)
                .finish(bench.resultsDir());
    }

    /** {@code ./urlcheck up}, returned once it says the stack is up. */
    private static Process startStack(Bench bench, Path urlcheck, int workers) throws IOException, InterruptedException {
        Path log = bench.runDir().resolve("stack-up.log");
        Process up = new ProcessBuilder(urlcheck.toString(), "up", "--allow-cidr", "127.0.0.0/8", "--workers",
                Integer.toString(workers)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!up.isAlive()) {
                throw new IllegalStateException("./urlcheck up exited " + up.exitValue() + "; see " + log);
            }
            if (Files.readString(log).contains("urlcheck is up")) {
                Bench.log("stack: %s", Files.readAllLines(log).stream().filter(l -> l.contains("is up")).findFirst().orElse(""));
                return up;
            }
            Thread.sleep(100); // polling the launcher's log for its ready line; nothing else says when it is up
        }
        stop(up);
        throw new IllegalStateException("./urlcheck up was not up within " + UP_TIMEOUT + "; see " + log);
    }

    /** {@code ./urlcheck submit FILE --wait --fail-on-error} as a whole command; checks that every URL came back OK. */
    private static double submit(Bench bench, Path urlcheck, Path list, int expected, String name)
            throws IOException, InterruptedException {
        Path log = bench.runDir().resolve(name + "-submit.log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(urlcheck.toString(), "submit", list.toString(), "--wait", "--quiet", "--fail-on-error",
                "--job", "bench-" + name + "-" + System.currentTimeMillis())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("submit --wait did not finish in 10 minutes; see " + log);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("submit --wait exited " + p.exitValue() + "; see " + log);
        }
        Matcher ok = OK_ROW.matcher(Files.readString(log));
        if (!ok.find() || Integer.parseInt(ok.group(1)) != expected) {
            throw new IllegalStateException("submit --wait did not report " + expected + " OK results; see " + log);
        }
        return seconds;
    }

    /** SIGTERM, as Ctrl+C would: the stack stops its children and exits. */
    private static void stop(Process up) throws InterruptedException {
        up.destroy();
        if (!up.waitFor(60, TimeUnit.SECONDS)) {
            up.destroyForcibly();
        }
    }
}
