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
        int count = o.integer("urls", 20_000);
        int concurrency = o.integer("concurrency", 100);
        int partitions = o.integer("partitions", 8);
        int maxPerHost = o.integer("max-per-host", 8);
        List<String> hosts = Hosts.balanced(o.integer("hosts", 64), partitions);
        Report report = new Report("p1", bench);
        report.row("mode", "worker URL/s", "asyncio URL/s", "ratio", "target", "met", "worker after 1st s", "ratio after 1st s",
                "wrk req/s", "worker cpu-s/1k", "asyncio cpu-s/1k");
        Map<String, Object> modes = new LinkedHashMap<>();
        try (BenchKafka kafka = BenchKafka.start()) {
            for (String modeName : o.string("modes", "keep-alive,close").split(",")) {
                boolean keepAlive = !modeName.trim().equals("close");
                String mode = keepAlive ? "keep-alive" : "new connection";
                List<Double> worker = new ArrayList<>();
                List<Double> peer = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                List<Double> warm = new ArrayList<>();
                List<Double> warmRatios = new ArrayList<>();
                List<Double> wrk = new ArrayList<>();
                List<Double> workerCpu = new ArrayList<>();
                List<Double> peerCpu = new ArrayList<>();
                List<Object> runs = new ArrayList<>();
                for (int run = 1; run <= bench.runs(); run++) {
                    try (TargetFarm target = bench.target(hosts, 0, keepAlive)) {
                        String name = "p1-" + (keepAlive ? "ka" : "close") + "-" + run;
                        WorkerRun.Figures w = WorkerRun.measure(bench, kafka, target, count, partitions, concurrency, maxPerHost, name);
                        AsyncioPeer.Result a = bench.peer().run(bench.writeUrls(target, count, name), concurrency, "aiohttp",
                                bench.runDir().resolve(name + "-peer.json"));
                        Bench.log("%s: asyncio %s", name, a);
                        double ceiling = Ceiling.measure(bench, target, concurrency, !keepAlive);
                        worker.add(w.urlsPerSecond());
                        peer.add(a.urlsPerSecond());
                        ratios.add(w.urlsPerSecond() / a.urlsPerSecond());
                        if (!Double.isNaN(w.warmUrlsPerSecond())) {
                            warm.add(w.warmUrlsPerSecond());
                            warmRatios.add(w.warmUrlsPerSecond() / a.urlsPerSecond());
                        }
                        wrk.add(ceiling);
                        workerCpu.add(w.cpuPerThousand());
                        peerCpu.add(a.cpuSeconds() * 1000 / a.urls());
                        runs.add(Map.of("worker", w.asMap(), "asyncio", a, "wrk", ceiling));
                    }
                }
                double ratio = Stats.median(ratios);
                boolean met = ratio >= 3.0;
                modes.put(mode, Map.of("runs", runs, "medianWorker", Stats.round(Stats.median(worker), 1),
                        "medianAsyncio", Stats.round(Stats.median(peer), 1), "medianRatio", Stats.round(ratio, 3),
                        "medianWrk", Stats.round(Stats.median(wrk), 1), "met", met,
                        "medianWorkerAfterFirstSecond", medianOrNa(warm, 1),
                        "medianRatioAfterFirstSecond", medianOrNa(warmRatios, 3)));
                report.row(mode, Stats.median(worker), Stats.median(peer), ratio, ">= 3", met ? "yes" : "NO",
                        medianOrNa(warm, 1), medianOrNa(warmRatios, 3),
                        Stats.median(wrk), Stats.median(workerCpu), Stats.median(peerCpu));
            }
        }
        report.put("urls", count).put("concurrency", concurrency).put("hosts", hosts.size())
                .put("partitions", partitions).put("maxPerHost", maxPerHost).put("modes", modes)
                .finish(bench.resultsDir());
    }

    /** The rounded median, or "n/a" when no run was long enough to measure it. */
    private static Object medianOrNa(List<Double> values, int digits) {
        return values.isEmpty() ? "n/a" : Stats.round(Stats.median(values), digits);
    }
}
