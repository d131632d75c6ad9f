package io.urlcheck.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P1: one worker against the asyncio checker on the same 20,000 URLs, the same target and the same
 * concurrency, at 0 ms latency, once with keep-alive and once with a new connection per request; wrk
 * on the same target gives the ceiling. Target: worker ≥ 3× asyncio in both modes. The worker's rate after its
 * first second of checking (its JIT warm-up, {@link WorkerRun#WARM_UP_MS}) is printed beside it, not judged.
 */
final class P1Throughput {

    private P1Throughput() {
    }

    static void run(Bench bench) {
        Options o = bench.options();
        Load load = Load.read(o, 20_000, 100, 0, 8, l -> 8);
        Report report = new Report("p1", bench);
        report.row("mode", "worker URL/s", "asyncio URL/s", "ratio", "target", "met", "worker after 1st s", "ratio after 1st s",
                "wrk req/s", "worker cpu-s/1k", "asyncio cpu-s/1k");
        Map<String, Object> modes = new LinkedHashMap<>();
        try (BenchKafka kafka = BenchKafka.start()) {
            for (String modeName : o.string("modes", "keep-alive,close").split(",")) {
                boolean keepAlive = !modeName.trim().equals("close");
                String mode = keepAlive ? "keep-alive" : "new connection";
                Samples samples = new Samples();
                List<Object> runs = new ArrayList<>();
                for (int run = 1; run <= bench.runs(); run++) {
                    try (TargetFarm target = load.target(bench, keepAlive)) {
                        String name = "p1-" + (keepAlive ? "ka" : "close") + "-" + run;
                        WorkerRun.Figures w = WorkerRun.measure(bench, kafka, target, load, name);
                        AsyncioPeer.Result a = bench.peer().run(bench.writeUrls(target, load.urls(), name), load.concurrency(), "aiohttp",
                                bench.runDir().resolve(name + "-peer.json"));
                        Bench.log("%s: asyncio %s", name, a);
                        double ceiling = Ceiling.measure(bench, target, load.concurrency(), !keepAlive);
                        samples.add("worker", w.urlsPerSecond());
                        samples.add("asyncio", a.urlsPerSecond());
                        samples.add("ratio", w.urlsPerSecond() / a.urlsPerSecond());
                        if (!Double.isNaN(w.warmUrlsPerSecond())) {
                            samples.add("worker after 1st s", w.warmUrlsPerSecond());
                            samples.add("ratio after 1st s", w.warmUrlsPerSecond() / a.urlsPerSecond());
                        }
                        samples.add("wrk", ceiling);
                        samples.add("worker cpu", w.cpuPerThousand());
                        samples.add("asyncio cpu", a.cpuSeconds() * 1000 / a.urls());
                        runs.add(Map.of("worker", w.asMap(), "asyncio", a, "wrk", ceiling));
                    }
                }
                double ratio = samples.median("ratio");
                boolean met = ratio >= 3.0;
                modes.put(mode, Map.of("runs", runs, "medianWorker", Stats.round(samples.median("worker"), 1),
                        "medianAsyncio", Stats.round(samples.median("asyncio"), 1), "medianRatio", Stats.round(ratio, 3),
                        "medianWrk", Stats.round(samples.median("wrk"), 1), "met", met,
                        "medianWorkerAfterFirstSecond", samples.medianOrNa("worker after 1st s", 1),
                        "medianRatioAfterFirstSecond", samples.medianOrNa("ratio after 1st s", 3)));
                report.row(mode, samples.median("worker"), samples.median("asyncio"), ratio, ">= 3", met ? "yes" : "NO",
                        samples.medianOrNa("worker after 1st s", 1), samples.medianOrNa("ratio after 1st s", 3),
                        samples.median("wrk"), samples.median("worker cpu"), samples.median("asyncio cpu"));
            }
        }
        report.put("urls", load.urls()).put("concurrency", load.concurrency()).put("hosts", load.hosts().size())
                .put("partitions", load.partitions()).put("maxPerHost", load.maxPerHost()).put("modes", modes)
                .finish(bench.resultsDir());
    }
}
