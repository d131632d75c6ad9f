package io.urlcheck.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * P1, sustained (issue #21, item 2): one worker against the asyncio checker on the same 200,000 URLs, the same target
 * and the same concurrency, at 0 ms latency, once with keep-alive and once with a new connection per request; wrk on
 * the same target gives the ceiling. The worker runs as deployed ({@link Bench#DEPLOYED_WORKER_JVM}). Target, in both
 * modes: the worker checks at ≥ 3× asyncio's rate, and spends at most a third of its CPU per URL. Printed beside
 * them, not judged: the worker's rate in the second half of its run, where its JIT has settled, and its CPU per URL
 * without its JIT compiler threads' (finding 23).
 */
final class P1Throughput {

    private P1Throughput() {
    }

    static void run(Bench bench) {
        Options o = bench.options();
        Load load = Load.read(o, 200_000, 100, 0, 8, l -> 8);
        bench.defaultWorkerJvm(Bench.DEPLOYED_WORKER_JVM);
        Report report = new Report("p1", bench);
        report.row("mode", "worker URL/s", "asyncio URL/s", "ratio", "worker cpu-s/1k", "asyncio cpu-s/1k", "cpu ratio",
                "target", "met", "2nd half URL/s", "2nd half ratio", "climb URLs", "cpu-s/1k w/o JIT", "cpu-s/1k budget", "wrk req/s");
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
                        if (!Double.isNaN(w.secondHalfUrlsPerSecond())) {
                            samples.add("worker 2nd half", w.secondHalfUrlsPerSecond());
                            samples.add("ratio 2nd half", w.secondHalfUrlsPerSecond() / a.urlsPerSecond());
                        }
                        long climbUrls = w.climbUrls();
                        if (climbUrls >= 0) {
                            samples.add("climb urls", climbUrls);
                        }
                        samples.add("wrk", ceiling);
                        double asyncioCpu = a.cpuSeconds() * 1000 / a.urls();
                        samples.add("worker cpu", w.cpuPerThousand());
                        samples.add("asyncio cpu", asyncioCpu);
                        samples.add("cpu ratio", w.cpuPerThousand() / asyncioCpu);
                        samples.add("worker cpu w/o jit", w.cpuPerThousandWithoutJit());
                        samples.add("worker cpu budget", cpuBudgetForTarget(w, a.urlsPerSecond(), asyncioCpu));
                        runs.add(Map.of("worker", w.asMap(), "asyncio", a, "wrk", ceiling));
                    }
                }
                double ratio = samples.median("ratio");
                double cpuRatio = samples.median("cpu ratio");
                boolean met = ratio >= 3.0 && cpuRatio <= 1 / 3.0;
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("runs", runs);
                figures.put("medianWorker", Stats.round(samples.median("worker"), 1));
                figures.put("medianAsyncio", Stats.round(samples.median("asyncio"), 1));
                figures.put("medianRatio", Stats.round(ratio, 3));
                figures.put("medianCpuRatio", Stats.round(cpuRatio, 3));
                figures.put("medianWrk", Stats.round(samples.median("wrk"), 1));
                figures.put("met", met);
                figures.put("medianWorkerSecondHalf", samples.medianOrNa("worker 2nd half", 1));
                figures.put("medianRatioSecondHalf", samples.medianOrNa("ratio 2nd half", 3));
                figures.put("medianClimbUrls", samples.medianOrNa("climb urls", 0));
                figures.put("medianWorkerCpuPer1000WithoutJit", samples.medianOrNa("worker cpu w/o jit", 3));
                figures.put("medianWorkerCpuBudgetPer1000", Stats.round(samples.median("worker cpu budget"), 3));
                modes.put(mode, figures);
                report.row(mode, samples.median("worker"), samples.median("asyncio"), ratio, samples.median("worker cpu"),
                        samples.median("asyncio cpu"), cpuRatio, ">= 3, <= 0.33", met ? "yes" : "NO",
                        samples.medianOrNa("worker 2nd half", 1), samples.medianOrNa("ratio 2nd half", 3),
                        samples.medianOrNa("climb urls", 0), samples.medianOrNa("worker cpu w/o jit", 3), samples.median("worker cpu budget"), samples.median("wrk"));
            }
        }
        report.put("urls", load.urls()).put("concurrency", load.concurrency()).put("hosts", load.hosts().size())
                .put("partitions", load.partitions()).put("maxPerHost", load.maxPerHost()).put("modes", modes)
                .finish(bench.resultsDir());
    }

    /**
     * The most CPU seconds per 1,000 URLs the worker may spend and still meet both halves of the target on this machine:
     * the CPU target (a third of the checker's), and the rate target, which all the machine's cores must carry together
     * with the harness beside the worker (bench/README.md, finding 23). Printed beside the worker's CPU per 1,000 URLs,
     * it says how far a run is from the target, and whether the box leaves room for it at all.
     */
    static double cpuBudgetForTarget(WorkerRun.Figures w, double asyncioUrlsPerSecond, double asyncioCpuPerThousand) {
        double coreSecondsPerThousandAtTarget = Runtime.getRuntime().availableProcessors() * 1000 / (3 * asyncioUrlsPerSecond);
        return Math.min(asyncioCpuPerThousand / 3, coreSecondsPerThousandAtTarget - w.harnessCpuPerThousand());
    }
}
