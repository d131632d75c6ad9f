package io.urlcheck.bench;

import io.urlcheck.launcher.stack.ServiceProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * P4: the worker's memory does not follow the backlog. One worker (default concurrency, {@code -Xmx256m})
 * reads a {@code urlcheck.requests} holding 10,000 requests, then one holding 1,000,000, at 0 ms latency.
 * Both are compared at the same point, when 10,000 results are out, so the only difference is the
 * backlog; the large run then goes on to {@code --long-results} results to show the peak does not creep
 * with time either. Target: the two peaks (VmHWM) within ±10 %, both under 512 MiB.
 */
final class P4Memory {

    private P4Memory() {
    }

    static void run(Bench bench) {
        Options o = bench.options();
        Load load = Load.read(o, 0, 0, 0, 8, l -> 0); // URLs by --small/--large; concurrency, max-per-host 0 = the worker's defaults
        int small = o.integer("small", 10_000);
        int large = o.integer("large", 1_000_000);
        int longResults = o.integer("long-results", 30_000);
        Map<Integer, List<Double>> peaks = new TreeMap<>();
        List<Double> longPeaks = new ArrayList<>();
        List<Object> runs = new ArrayList<>();
        try (BenchKafka kafka = BenchKafka.start(); TargetFarm target = load.target(bench, true)) {
            for (int queued : new int[] {small, large}) {
                kafka.reset(load.partitions());
                long t0 = System.nanoTime();
                kafka.fill(Bench.requests(target, queued, "p4-" + queued));
                Bench.log("p4: filled %,d requests in %.1f s", queued, (System.nanoTime() - t0) / 1e9);
                for (int run = 1; run <= bench.runs(); run++) {
                    kafka.rewind();
                    String name = "p4-" + queued + "-" + run;
                    int goOn = queued == large ? Math.min(longResults, queued) : small;
                    Map<String, Object> r = measure(bench, kafka, load, small, goOn, name);
                    r.put("queued", queued);
                    runs.add(r);
                    peaks.computeIfAbsent(queued, k -> new ArrayList<>()).add((Double) r.get("peakRssMibAtSmall"));
                    if (queued == large) {
                        longPeaks.add((Double) r.get("peakRssMibAtEnd"));
                    }
                }
            }
        }
        double smallPeak = Stats.median(peaks.get(small));
        double largePeak = Stats.median(peaks.get(large));
        double diff = (largePeak - smallPeak) / smallPeak;
        boolean met = Math.abs(diff) <= 0.10 && smallPeak < 512 && largePeak < 512;
        new Report("p4", bench)
                .put("workerJvm", o.string("worker-jvm", Bench.DEFAULT_WORKER_JVM)).put("runs", runs)
                .put("medianPeakSmallMib", smallPeak).put("medianPeakLargeMib", largePeak)
                .put("medianPeakLargeLongMib", Stats.median(longPeaks)).put("difference", diff).put("met", met)
                .row("queued", "peak RSS MiB (median)", "measured at", "target")
                .row(String.format("%,d", small), smallPeak, String.format("%,d results", small), "< 512")
                .row(String.format("%,d", large), largePeak, String.format("%,d results", small), "< 512, ±10 %")
                .row(String.format("%,d", large), Stats.median(longPeaks), String.format("%,d results", longResults), "(creep)")
                .row("difference", String.format("%+.1f %%", 100 * diff), "", met ? "met" : "NOT met")
                .finish(bench.resultsDir());
    }

    /** Runs one worker until {@code end} results, noting VmHWM when {@code at} results were out. */
    private static Map<String, Object> measure(Bench bench, BenchKafka kafka, Load load, int at, int end, String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<Double> rssTimeline = new ArrayList<>();
        try (ResultWatcher watcher = new ResultWatcher(kafka.bootstrapServers(), false);
             ServiceProcess worker = bench.startWorker(name, kafka.bootstrapServers(), load.concurrency(), load.maxPerHost())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(bench.options().integer("timeout-s", 600)).toNanos();
            long nextSample = 0;
            Double atSmall = null;
            while (watcher.distinct() < end) {
                Bench.requireAlive(worker);
                if (atSmall == null && watcher.distinct() >= at) {
                    atSmall = ProcStatus.peakRssMib(worker);
                }
                if (System.nanoTime() >= nextSample) {
                    rssTimeline.add(Stats.round(ProcStatus.rssMib(worker), 1));
                    nextSample = System.nanoTime() + 2_000_000_000L;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + watcher.distinct() + " results; log:\n" + worker.process().logTail(30));
                }
                watcher.await(watcher.distinct() + 1, Duration.ofMillis(50));
            }
            if (atSmall == null) {
                atSmall = ProcStatus.peakRssMib(worker);
            }
            r.put("peakRssMibAtSmall", Stats.round(atSmall, 1));
            r.put("peakRssMibAtEnd", Stats.round(ProcStatus.peakRssMib(worker), 1));
            r.put("results", watcher.distinct());
            r.put("rssEvery2sMib", rssTimeline);
            r.put("cpuSeconds", Stats.round(ProcStatus.cpuSeconds(worker), 2));
            Bench.log("%s: peak RSS %.0f MiB at %,d results, %.0f MiB at %,d; RSS every 2 s %s", name, atSmall, at,
                    ProcStatus.peakRssMib(worker), watcher.distinct(), rssTimeline);
        }
        return r;
    }
}
