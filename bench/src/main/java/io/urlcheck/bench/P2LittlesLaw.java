package io.urlcheck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P2: Little's law. With latency L and N checks in flight, no checker can do better than N / L URLs/s;
 * the efficiency is the measured rate over that bound. At 100 ms and 2,000 in flight the bound is
 * 20,000 URLs/s. Target: the worker ≥ 90 %; the asyncio checker at the same in-flight is printed beside it.
 */
final class P2LittlesLaw {

    private P2LittlesLaw() {
    }

    static void run(Bench bench) {
        Options o = bench.options();
        // Per-host cap at twice the fair share, so the global in-flight bound is the one measured.
        Load load = Load.read(o, 40_000, 2000, 100, 8, l -> 2 * l.fairShare());
        double bound = load.concurrency() / (load.latencyMs() / 1000.0);
        List<Double> worker = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        List<Object> runs = new ArrayList<>();
        try (BenchKafka kafka = BenchKafka.start()) {
            for (int run = 1; run <= bench.runs(); run++) {
                try (TargetFarm target = load.target(bench, true)) {
                    String name = "p2-" + run;
                    WorkerRun.Figures w = WorkerRun.measure(bench, kafka, target, load, name);
                    AsyncioPeer.Result a = o.flag("skip-peer", false) ? null
                            : bench.peer().run(bench.writeUrls(target, load.urls(), name), load.concurrency(), "aiohttp",
                            bench.runDir().resolve(name + "-peer.json"));
                    Bench.log("%s: worker %.1f %%, asyncio %s", name, 100 * w.urlsPerSecond() / bound, a);
                    worker.add(w.urlsPerSecond() / bound);
                    if (a != null) {
                        peer.add(a.urlsPerSecond() / bound);
                    }
                    runs.add(a == null ? Map.of("worker", w.asMap()) : Map.of("worker", w.asMap(), "asyncio", a));
                }
            }
        }
        double workerEff = Stats.median(worker);
        double peerEff = Stats.median(peer);
        new Report("p2", bench)
                .put("urls", load.urls()).put("inFlight", load.concurrency()).put("latencyMs", load.latencyMs()).put("bound", bound)
                .put("hosts", load.hosts().size()).put("maxPerHost", load.maxPerHost()).put("partitions", load.partitions())
                .put("runs", runs).put("medianWorkerEfficiency", workerEff).put("medianAsyncioEfficiency", peerEff)
                .put("met", workerEff >= 0.9)
                .row("checker", "URL/s (median)", "bound N/L", "efficiency", "target", "met")
                .row("worker", workerEff * bound, bound, String.format("%.1f %%", 100 * workerEff), ">= 90 %",
                        workerEff >= 0.9 ? "yes" : "NO")
                .row("asyncio (aiohttp)", peerEff * bound, bound, String.format("%.1f %%", 100 * peerEff), "-", "-")
                .finish(bench.resultsDir());
    }
}
