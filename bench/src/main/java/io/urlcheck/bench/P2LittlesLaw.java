package io.urlcheck.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P2: Little's law. With latency L and N checks in flight, no checker can do better than N / L URLs/s; the efficiency
 * is the measured rate over that bound. Two regimes share the code:
 * <ul>
 *   <li>{@code p2}, latency-bound, the real web's regime: 1,000 loopback hosts, 1 s latency, 8 per host and 4,000 in
 *   flight, 200,000 URLs, the worker run as deploy/ runs it; the bound is 4,000 URLs/s. Target (issue #21): the worker's
 *   steady-state rate ≥ 90 % of it.</li>
 *   <li>{@code p2-cpu}: 64 hosts, 100 ms, 2,000 in flight, 40,000 URLs; the bound, 20,000 URLs/s, is past what 2 cores
 *   can check, so this is a CPU-bound figure with no target.</li>
 * </ul>
 * The asyncio checker runs the same URLs on the same target in the same run, with the same in-flight bound.
 */
final class P2LittlesLaw {

    /** The two regimes, with their defaults (every one can be overridden by the usual {@link Load} options). */
    enum Regime {
        LATENCY("p2", 200_000, 4000, 1000, 1000, 0.9),
        CPU("p2-cpu", 40_000, 2000, 100, 64, Double.NaN);

        final String scenario;
        final int urls;
        final int concurrency;
        final int latencyMs;
        final int hosts;
        final double target;

        Regime(String scenario, int urls, int concurrency, int latencyMs, int hosts, double target) {
            this.scenario = scenario;
            this.urls = urls;
            this.concurrency = concurrency;
            this.latencyMs = latencyMs;
            this.hosts = hosts;
            this.target = target;
        }

        Load load(Options o) {
            // Latency-bound: 8 per host, the worker's politeness default, and 4 per host on average, so the global bound
            // is the one measured. CPU-bound: twice the fair share over 64 hosts, as before.
            return Load.read(o, urls, concurrency, latencyMs, 8, hosts, l -> this == LATENCY ? 8 : 2 * l.fairShare());
        }
    }

    private P2LittlesLaw() {
    }

    static void run(Bench bench, Regime regime) {
        Options o = bench.options();
        Load load = regime.load(o);
        if (regime == Regime.LATENCY) {
            // The latency-bound worker runs as deploy/base/worker.yaml runs it: with the bench's usual 256 MiB, 4,000
            // checks in flight kept the old generation full (finding 16), and C1 alone stayed 2-4 points lower (finding 18).
            bench.defaultWorkerJvm(Bench.DEPLOYED_WORKER_JVM);
        }
        double latency = load.latencyMs() / 1000.0;
        double bound = load.concurrency() / latency;
        Samples samples = new Samples();
        List<Object> runs = new ArrayList<>();
        Map<String, Object> ceiling = new LinkedHashMap<>();
        try (BenchKafka kafka = BenchKafka.start()) {
            if (regime == Regime.LATENCY && o.flag("ceiling", true) && Wrk.available()) {
                try (TargetFarm target = load.target(bench, true)) {
                    int connections = 2 * load.concurrency();
                    Wrk.Result r = Wrk.run(target.url(0, "/wrk"), 1, connections, o.integer("wrk-seconds", 10), false);
                    ceiling.put("wrkConnections", connections);
                    ceiling.put("wrkRequestsPerSecond", r.requestsPerSecond());
                    ceiling.put("socketErrors", r.socketErrors());
                    ceiling.put("targetLateMs", lateness(target));
                    Bench.log("ceiling: wrk -c%d at %d ms: %.0f req/s (socket errors: %s), target late %s", connections,
                            load.latencyMs(), r.requestsPerSecond(), r.socketErrors(), ceiling.get("targetLateMs"));
                }
            }
            for (int run = 1; run <= bench.runs(); run++) {
                try (TargetFarm target = load.target(bench, true)) {
                    String name = regime.scenario + "-" + run;
                    WorkerRun.Figures w = WorkerRun.measure(bench, kafka, target, load, name);
                    Map<String, Object> workerLate = lateness(target);
                    // The peer's clock starts before its first request, the worker's window at its first result: one
                    // latency later. On the peer's clock the worker's rate is count / (window + latency).
                    double workerPeerClock = w.count() / (w.seconds() + latency);
                    samples.add("worker", w.urlsPerSecond());
                    samples.add("worker steady", w.steadyUrlsPerSecond());
                    samples.add("worker, peer's clock", workerPeerClock);
                    Map<String, Object> record = new LinkedHashMap<>(w.asMap());
                    record.put("urlsPerSecondPeerClock", Stats.round(workerPeerClock, 1));
                    record.put("targetLateMs", workerLate);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("loadAverage", Machine.loadAverage());
                    entry.put("worker", record);
                    if (!o.flag("skip-peer", false)) {
                        target.resetLateness();
                        AsyncioPeer.Result a = bench.peer().run(bench.writeUrls(target, load.urls(), name), load.concurrency(),
                                "aiohttp", bench.runDir().resolve(name + "-peer.json"));
                        samples.add("asyncio", a.urlsPerSecond());
                        samples.add("ratio", workerPeerClock / a.urlsPerSecond());
                        entry.put("asyncio", a);
                        entry.put("asyncioTargetLateMs", lateness(target));
                        Bench.log("%s: worker %.1f %% steady, %.1f %% whole run (%.0f URL/s on the peer's clock); asyncio %.1f %% %s",
                                name, 100 * w.steadyUrlsPerSecond() / bound, 100 * w.urlsPerSecond() / bound, workerPeerClock,
                                100 * a.urlsPerSecond() / bound, a);
                    } else {
                        Bench.log("%s: worker %.1f %% steady, %.1f %% whole run", name, 100 * w.steadyUrlsPerSecond() / bound,
                                100 * w.urlsPerSecond() / bound);
                    }
                    runs.add(entry);
                }
            }
        }
        double steady = samples.median("worker steady");
        double whole = samples.median("worker");
        double peer = samples.median("asyncio");
        boolean judged = !Double.isNaN(regime.target);
        boolean met = judged && steady >= regime.target * bound;
        String target = judged ? String.format(">= %.0f %%", 100 * regime.target) : "-";
        new Report(regime.scenario, bench)
                .put("urls", load.urls()).put("inFlight", load.concurrency()).put("latencyMs", load.latencyMs()).put("bound", bound)
                .put("workerJvm", String.join(" ", bench.workerJvm("")))
                .put("hosts", load.hosts().size()).put("maxPerHost", load.maxPerHost()).put("partitions", load.partitions())
                .put("ceiling", ceiling).put("runs", runs)
                .put("medianWorkerUrlsPerSecond", whole).put("medianWorkerSteadyUrlsPerSecond", steady)
                .put("medianWorkerPeerClockUrlsPerSecond", samples.median("worker, peer's clock")).put("medianAsyncioUrlsPerSecond", peer)
                .put("medianWorkerEfficiency", whole / bound).put("medianWorkerSteadyEfficiency", steady / bound)
                .put("medianAsyncioEfficiency", peer / bound).put("medianRatio", samples.median("ratio"))
                .put("met", judged ? met : null)
                .row("checker (median of " + bench.runs() + ")", "URL/s", "of N/L = " + Math.round(bound), "target", "met")
                .row("worker, steady state", steady, percent(steady / bound), target, judged ? (met ? "yes" : "NO") : "-")
                .row("worker, first to last result", whole, percent(whole / bound), "-", "-")
                .row("worker, peer's clock", samples.median("worker, peer's clock"),
                        percent(samples.median("worker, peer's clock") / bound), "-", "-")
                .row("asyncio (aiohttp), whole run", peer, percent(peer / bound), "-", "-")
                .row("worker / asyncio (peer's clock)", samples.median("ratio"), "-", "-", "-")
                .finish(bench.resultsDir());
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format("%.1f %%", 100 * fraction);
    }

    private static Map<String, Object> lateness(TargetFarm target) {
        double[] late = target.lateMs();
        return Map.of("mean", Stats.round(late[0], 1), "max", Stats.round(late[1], 1));
    }
}
