package io.urlcheck.bench;

import io.urlcheck.contract.JsonCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold: {@code ./urlcheck run FILE} as a user types it, measured as a whole command (script, launcher JVM,
 * broker, services, checking, results file, stop), against the asyncio checker's whole command on the same
 * list, one after the other in each round. Targets: at most 1.5x the asyncio time at 10,000 URLs, under 5 s at
 * 1,000. The launcher's {@code logs/launcher.log} splits each urlcheck run into its phases.
 */
final class ColdRun {

    /** A line of {@code launcher.log}: the instant, the seconds since the launcher's JVM started, the phase. */
    private static final Pattern PHASE = Pattern.compile("^(\\S+)\\s+([0-9.]+) s\\s+(.*)$");
    private static final Pattern CPU = Pattern.compile("\\(CPU s: ([^)]*[0-9])\\)$");

    private ColdRun() {
    }

    static void run(Bench bench) throws Exception {
        Options o = bench.options();
        List<Integer> sizes = Stream.of(o.string("urls", "1000,10000").split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
        int concurrency = o.integer("concurrency", 256);
        // --urlcheck: another checkout's ./urlcheck (its services built), for a before/after in one sitting.
        Path urlcheck = Path.of(o.string("urlcheck", bench.home().resolve("urlcheck").toString())).toAbsolutePath();
        Report report = new Report("cold", bench);
        report.row("URLs", "asyncio s (median)", "urlcheck s (median)", "ratio", "stack ready s", "check s",
                "after results s", "target", "met");
        Map<String, Object> bySize = new LinkedHashMap<>();
        try (TargetFarm target = bench.target(Hosts.first(o.integer("hosts", 16)), 0, true)) {
            // One untimed run first: it builds what is stale (as ./urlcheck does on first use) and writes the
            // class-data archives a fresh checkout's first run writes; every timed run is then a user's next run.
            Path warm = bench.writeUrls(target, 100, "cold-warmup");
            Figures warmup = urlcheck(bench, urlcheck, warm, concurrency, 100, "cold-warmup");
            Bench.log("cold: warm-up run %.2f s", warmup.seconds);
            report.put("warmupSeconds", warmup.seconds);
            for (int size : sizes) {
                Path urls = bench.writeUrls(target, size, "cold-" + size);
                Samples samples = new Samples();
                List<Object> runs = new ArrayList<>();
                for (int run = 1; run <= bench.runs(); run++) {
                    String name = "cold-" + size + "-" + run;
                    String load = Machine.loadAverage();
                    double a = asyncio(bench, urls, concurrency, name);
                    Figures u = urlcheck(bench, urlcheck, urls, concurrency, size, name);
                    Bench.log("%s: asyncio %.2f s, urlcheck %.2f s (%.2fx; ready %.2f, check %.2f, after results %.2f; load %s)",
                            name, a, u.seconds, u.seconds / a, u.ready, u.check, u.afterResults, load);
                    samples.add("asyncio", a);
                    samples.add("urlcheck", u.seconds);
                    samples.add("ready", u.ready);
                    samples.add("check", u.check);
                    samples.add("after results", u.afterResults);
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("load", load);
                    record.put("asyncioSeconds", Stats.round(a, 3));
                    record.put("urlcheck", u.asMap());
                    runs.add(record);
                }
                double medianPeer = samples.median("asyncio");
                double medianOurs = samples.median("urlcheck");
                double ratio = medianOurs / medianPeer;
                boolean met = size >= 10_000 ? ratio <= 1.5 : size <= 1_000 ? medianOurs < 5.0 : ratio <= 1.5;
                String goal = size >= 10_000 ? "<= 1.5x" : size <= 1_000 ? "< 5 s" : "<= 1.5x";
                bySize.put(Integer.toString(size), Map.of("runs", runs, "medianAsyncioSeconds", Stats.round(medianPeer, 3),
                        "medianUrlcheckSeconds", Stats.round(medianOurs, 3), "ratio", Stats.round(ratio, 3),
                        "medianStackReadySeconds", Stats.round(samples.median("ready"), 3),
                        "medianCheckSeconds", Stats.round(samples.median("check"), 3),
                        "medianAfterResultsSeconds", Stats.round(samples.median("after results"), 3), "met", met));
                report.row(size, medianPeer, medianOurs, String.format("%.2fx", ratio), samples.median("ready"),
                        samples.median("check"), samples.median("after results"), goal, met ? "yes" : "NO");
            }
        }
        report.put("concurrency", concurrency).put("urlcheckScript", urlcheck.toString()).put("sizes", bySize)
                .finish(bench.resultsDir());
    }

    /** The asyncio checker's whole command, interpreter start included, in seconds. */
    private static double asyncio(Bench bench, Path urls, int concurrency, String name) {
        long t0 = System.nanoTime();
        bench.peer().run(urls, concurrency, "aiohttp", bench.runDir().resolve(name + "-peer.json"));
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * One urlcheck run's whole-command time and its phases, from the command's start, and each JVM's CPU seconds at
     * the phases that give them (stack ready, stack killing).
     */
    record Figures(double seconds, double ready, double check, double afterResults, Map<String, Double> phases,
                   Map<String, Map<String, Double>> cpuSeconds) {
        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("seconds", Stats.round(seconds, 3));
            map.put("stackReadySeconds", Stats.round(ready, 3));
            map.put("checkSeconds", Stats.round(check, 3));
            map.put("afterResultsSeconds", Stats.round(afterResults, 3));
            map.put("phases", phases);
            map.put("cpuSeconds", cpuSeconds);
            return map;
        }
    }

    private static Figures urlcheck(Bench bench, Path urlcheck, Path urls, int concurrency, int expected, String name)
            throws IOException, InterruptedException {
        Path out = bench.runDir().resolve(name + "-results.json");
        Path log = bench.runDir().resolve(name + "-urlcheck.log");
        ProcessBuilder builder = new ProcessBuilder(urlcheck.toString(), "run", urls.toString(), "--allow-cidr",
                "127.0.0.0/8", "--concurrency", Integer.toString(concurrency), "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("urlcheck run did not finish in 10 minutes; see " + log);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Instant ended = Instant.now();
        if (p.exitValue() != 0) {
            throw new IllegalStateException("urlcheck run exited " + p.exitValue() + "; see " + log);
        }
        int rows = JsonCodec.mapper().readTree(out.toFile()).size();
        if (rows != expected) {
            throw new IllegalStateException("urlcheck wrote " + rows + " results for " + expected + " URLs; see " + out);
        }
        List<String> lines = launcherLog(urlcheck.getParent());
        Map<String, Double> phases = phases(lines, started);
        double ready = phase(phases, "stack: ready");
        double done = phase(phases, "run: last result seen");
        double written = phase(phases, "run: results written");
        double afterResults = Duration.between(started, ended).toNanos() / 1e9 - written;
        return new Figures(seconds, ready, done - ready, afterResults, phases, cpuSeconds(lines));
    }

    /** The time of the first phase that starts with {@code prefix} (a phase line may end with details). */
    private static double phase(Map<String, Double> phases, String prefix) {
        return phases.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(Double.NaN);
    }

    /** The lines of the newest run directory's launcher.log; none from a launcher before the phase log. */
    private static List<String> launcherLog(Path home) throws IOException {
        Path runs = home.resolve(".urlcheck/runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        Path newest;
        try (Stream<Path> dirs = Files.list(runs)) {
            newest = dirs.filter(d -> d.getFileName().toString().contains("-run-"))
                    .max(Comparator.comparing(d -> d.getFileName().toString())).orElseThrow();
        }
        Path log = newest.resolve("logs/launcher.log");
        return Files.isRegularFile(log) ? Files.readAllLines(log) : List.of();
    }

    /** Each phase of {@code lines}, in seconds from {@code started}, without the details a line ends with. */
    private static Map<String, Double> phases(List<String> lines, Instant started) {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = PHASE.matcher(line);
            if (m.matches()) {
                double at = Duration.between(started, Instant.parse(m.group(1))).toNanos() / 1e9;
                phases.putIfAbsent("command started (as the script saw it)", Stats.round(at - Double.parseDouble(m.group(2)), 3));
                phases.putIfAbsent(phaseName(m.group(3)), Stats.round(at, 3));
            }
        }
        return phases;
    }

    /** A phase without the details its line may end with: {@code stack: ready (CPU s: ...)} is {@code stack: ready}. */
    private static String phaseName(String text) {
        return text.replaceAll(" \\(.*\\)$", "");
    }

    /** Per phase that gives them ({@code (CPU s: launcher 2.61, producer 3.95, ...)}), each JVM's CPU seconds. */
    private static Map<String, Map<String, Double>> cpuSeconds(List<String> lines) {
        Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = PHASE.matcher(line);
            Matcher times = m.matches() ? CPU.matcher(m.group(3)) : null;
            if (times != null && times.find()) {
                Map<String, Double> byJvm = new LinkedHashMap<>();
                for (String part : times.group(1).split(", ")) {
                    int space = part.lastIndexOf(' ');
                    byJvm.put(part.substring(0, space), Double.parseDouble(part.substring(space + 1)));
                }
                cpu.put(phaseName(m.group(3)), byJvm);
            }
        }
        return cpu;
    }
}
