package io.urlcheck.bench;

import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.stack.ServiceProcess;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured run of one worker process against a pre-filled {@code urlcheck.requests}: start the
 * packaged worker, wait until every request has a result, read its CPU and peak RSS.
 *
 * <p>The rate is {@code count / (last result - first result)}, both timestamps set by the worker's own
 * producer: the checking window. JVM boot and the consumer-group join come before the first result and
 * are reported separately as {@code launchToFirstSeconds}; the asyncio peer's figure likewise excludes the
 * interpreter's start and imports.
 */
final class WorkerRun {

    /** A climb ends when the rate holds this share of the second-half rate ... */
    static final double CLIMB_SHARE = 0.9;
    /** ... over this many timeline buckets (10 s). */
    static final int CLIMB_WINDOW_BUCKETS = (int) (10_000 / ResultWatcher.TIMELINE_BUCKET_MS);

    /**
     * What one run measured; {@code cpuSeconds} is the worker's CPU from its first result to its last, and
     * {@code cpuByThreadKind} splits it by thread kind ({@link ProcStatus#cpuSecondsByThreadKind}).
     */
    record Figures(long count, double urlsPerSecond, double warmUrlsPerSecond, double steadyUrlsPerSecond,
                   double secondHalfUrlsPerSecond, double seconds,
                   double launchToFirstSeconds, double cpuSeconds, Map<String, Double> cpuByThreadKind,
                   double runQueueWaitSeconds, double harnessCpuSeconds,
                   double machineBusySeconds, double peakRssMib, long duplicates, Map<String, Integer> outcomes,
                   Map<String, Object> latencies, Map<String, Object> gauges, List<Integer> timeline) {

        /** Worker CPU seconds per 1,000 URLs: noise-robust where wall time is not. */
        double cpuPerThousand() {
            return cpuSeconds * 1000 / count;
        }

        /**
         * Worker CPU seconds per 1,000 URLs less its JIT compiler threads': what the checks themselves cost. The JIT's
         * part is paid once per process, so a worker that runs for days tends to this figure.
         */
        double cpuPerThousandWithoutJit() {
            return (cpuSeconds - cpuByThreadKind.getOrDefault("jit", 0.0)) * 1000 / count;
        }

        /**
         * The timeline bucket where the worker's climb ended: the first from which its rate held {@link #CLIMB_SHARE} of its
         * second-half rate over {@link #CLIMB_WINDOW_BUCKETS}; -1 if the run never did, or was too short to say. A fresh
         * worker's JIT takes its first 100,000 URLs to compile its hot path on two busy cores (bench/README.md, finding 25).
         */
        int climbEndBucket() {
            if (Double.isNaN(secondHalfUrlsPerSecond) || timeline.size() < CLIMB_WINDOW_BUCKETS) {
                return -1;
            }
            long windowSum = 0;
            for (int i = 0; i < timeline.size(); i++) {
                windowSum += timeline.get(i);
                if (i >= CLIMB_WINDOW_BUCKETS) {
                    windowSum -= timeline.get(i - CLIMB_WINDOW_BUCKETS);
                }
                if (i >= CLIMB_WINDOW_BUCKETS - 1
                        && windowSum >= CLIMB_SHARE * secondHalfUrlsPerSecond * CLIMB_WINDOW_BUCKETS) {
                    return i - CLIMB_WINDOW_BUCKETS + 1;
                }
            }
            return -1;
        }

        /** URLs checked before the climb ended ({@link #climbEndBucket}); -1 if it did not. */
        long climbUrls() {
            return urlsBefore(climbEndBucket());
        }

        /** URLs checked before timeline bucket {@code end}; -1 for a bucket of -1 (no climb's end). */
        private long urlsBefore(int end) {
            if (end < 0) {
                return -1;
            }
            long bucketRatesSum = timeline.subList(0, end).stream().mapToLong(Integer::longValue).sum(); // URL/s per bucket
            return bucketRatesSum * ResultWatcher.TIMELINE_BUCKET_MS / 1000;
        }

        /** The harness's CPU seconds (broker, target, result watcher: the bench JVM) per 1,000 URLs of this run. */
        double harnessCpuPerThousand() {
            return harnessCpuSeconds * 1000 / count;
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("urls", count);
            m.put("urlsPerSecond", Stats.round(urlsPerSecond, 1));
            m.put("urlsPerSecondAfterFirstSecond", Double.isNaN(warmUrlsPerSecond) ? null : Stats.round(warmUrlsPerSecond, 1));
            m.put("urlsPerSecondSteady", Double.isNaN(steadyUrlsPerSecond) ? null : Stats.round(steadyUrlsPerSecond, 1));
            m.put("urlsPerSecondSecondHalf", Double.isNaN(secondHalfUrlsPerSecond) ? null : Stats.round(secondHalfUrlsPerSecond, 1));
            int climbEnd = climbEndBucket();
            m.put("climbSeconds", climbEnd < 0 ? null : climbEnd * ResultWatcher.TIMELINE_BUCKET_MS / 1000.0);
            m.put("climbUrls", climbEnd < 0 ? null : urlsBefore(climbEnd));
            m.put("seconds", Stats.round(seconds, 3));
            m.put("launchToFirstSeconds", Stats.round(launchToFirstSeconds, 3));
            m.put("cpuSeconds", Stats.round(cpuSeconds, 2));
            m.put("cpuSecondsPer1000", Stats.round(cpuPerThousand(), 3));
            Map<String, Object> kinds = new LinkedHashMap<>();
            cpuByThreadKind.forEach((kind, seconds) -> kinds.put(kind, Stats.round(seconds, 2)));
            m.put("cpuSecondsByThreadKind", kinds);
            m.put("cpuSecondsPer1000WithoutJit", Stats.round(cpuPerThousandWithoutJit(), 3));
            m.put("runQueueWaitSeconds", Stats.round(runQueueWaitSeconds, 2));
            m.put("harnessCpuSeconds", Stats.round(harnessCpuSeconds, 2));
            m.put("machineBusySeconds", Stats.round(machineBusySeconds, 2));
            m.put("peakRssMib", Stats.round(peakRssMib, 1));
            m.put("duplicates", duplicates);
            m.put("outcomes", outcomes);
            m.put("latencies", latencies);
            m.put("workerGaugeMeans", gauges);
            m.put("urlsPerSecondPer" + ResultWatcher.TIMELINE_BUCKET_MS + "ms", timeline);
            return m;
        }
    }

    /**
     * The first second of a fresh worker's checking is its warm-up: its JIT compiles a few thousand methods
     * then, and the rate climbs from under 2,000 URL/s (bench/README.md, finding 13).
     */
    static final long WARM_UP_MS = 1000;

    /**
     * The steady state leaves out the first {@value} ms after the first result (warm-up, and at 1 s latency the first
     * wave, admitted while intake ramped up) and the last {@value} ms before the last one (the last wave's drain).
     */
    static final long STEADY_EDGE_MS = 2000;

    private WorkerRun() {
    }

    /**
     * Resets Kafka to the load's partitions, fills the load's URL count of requests for {@code target}, and measures
     * one worker checking them with the load's concurrency and per-host cap.
     */
    static Figures measure(Bench bench, BenchKafka kafka, TargetFarm target, Load load, String name) {
        int count = load.urls();
        kafka.reset(load.partitions());
        long fillStart = System.nanoTime();
        kafka.fill(Bench.requests(target, count, name));
        Bench.log("%s: filled %,d requests in %.1f s", name, count, (System.nanoTime() - fillStart) / 1e9);
        long servedBefore = target.served();
        try (ResultWatcher watcher = new ResultWatcher(kafka.bootstrapServers(), true);
             ServiceProcess worker = bench.startWorker(name, kafka.bootstrapServers(), load.concurrency(), load.maxPerHost())) {
            Duration timeout = Duration.ofSeconds(bench.options().integer("timeout-s", 600));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!watcher.await(1, Duration.ofMillis(200))) {
                Bench.requireAlive(worker);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": no result after " + timeout + "; log tail:\n" + worker.process().logTail(30));
                }
            }
            double cpuAtFirst = ProcStatus.cpuSeconds(worker); // boot and group join, excluded from the per-URL CPU figure
            Map<Long, ProcStatus.ThreadCpu> threadsAtFirst = ProcStatus.threadCpu(worker.process().pid());
            double waitAtFirst = ProcStatus.runQueueWaitSeconds(worker);
            double harnessAtFirst = ProcStatus.cpuSeconds(ProcessHandle.current().pid()); // broker, target, this watcher
            double machineAtFirst = ProcStatus.machineBusySeconds();
            WorkerGauges gauges = new WorkerGauges(worker.port());
            while (!watcher.await(count, Duration.ofMillis(500))) {
                gauges.sample();
                Bench.requireAlive(worker);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + watcher.distinct() + " of " + count
                            + " results after " + timeout + "; worker log tail:\n" + worker.process().logTail(30));
                }
            }
            double cpu = ProcStatus.cpuSeconds(worker) - cpuAtFirst;
            Map<String, Double> kinds = ProcStatus.cpuSecondsByThreadKind(threadsAtFirst, ProcStatus.threadCpu(worker.process().pid()));
            double wait = ProcStatus.runQueueWaitSeconds(worker) - waitAtFirst;
            double harness = ProcStatus.cpuSeconds(ProcessHandle.current().pid()) - harnessAtFirst;
            double machine = ProcStatus.machineBusySeconds() - machineAtFirst;
            double rss = ProcStatus.peakRssMib(worker);
            ResultWatcher.Window window = watcher.window();
            double seconds = window.seconds();
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            watcher.outcomes().forEach((k, v) -> outcomes.put(k.name(), v));
            if (outcomes.getOrDefault(Outcome.OK.name(), 0) < count) {
                Bench.log("%s: WARNING not every check was OK: %s %s", name, outcomes, watcher.errors());
            }
            Figures f = new Figures(count, (count - 1) / Math.max(seconds, 0.001), watcher.rateAfter(WARM_UP_MS),
                    watcher.rateBetween(STEADY_EDGE_MS, STEADY_EDGE_MS),
                    watcher.rateBetween(Math.round(seconds * 500), STEADY_EDGE_MS), seconds,
                    (window.first() - ProcStatus.startedAtMillis(worker)) / 1000.0, cpu, kinds, wait, harness, machine, rss,
                    watcher.redelivered(), outcomes, watcher.latencies(), gauges.means(), watcher.ratesPerBucket());
            Bench.log("%s: %,d results in %.2f s = %.0f URLs/s (boot+join %.1f s, cpu %.1f s %s, waiting for a core %.1f s, harness cpu %.1f s, machine busy %.1f core-s, peak RSS %.0f MiB, "
                            + "target served %,d, redelivered %d) %s gauges %s", name, count, seconds, f.urlsPerSecond(),
                    f.launchToFirstSeconds(), cpu, f.asMap().get("cpuSecondsByThreadKind"), wait, harness, machine, rss, target.served() - servedBefore, f.duplicates(), f.latencies(),
                    f.gauges());
            Bench.log("%s: %.0f URLs/s after the first second, %.0f in the steady state, %.0f in the second half; URLs/s per %d ms from the first result: %s",
                    name, f.warmUrlsPerSecond(), f.steadyUrlsPerSecond(), f.secondHalfUrlsPerSecond(), ResultWatcher.TIMELINE_BUCKET_MS, f.timeline());
            return f;
        }
    }
}
