package io.urlcheck.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench ceiling}: wrk against the target, keep-alive and {@code Connection: close}, at the
 * scenarios' concurrency. If wrk gets several times what a checker gets, the target is not what limits it.
 */
final class Ceiling {

    private Ceiling() {
    }

    /** wrk's requests/s against {@code target} (which must be in {@code keepAlive} mode). */
    static double measure(Bench bench, TargetFarm target, int connections, boolean connectionClose) {
        Wrk.Result r = Wrk.run(target.url(0, "/wrk"), bench.options().integer("wrk-threads", 1), connections,
                bench.options().integer("wrk-seconds", 5), connectionClose);
        Bench.log("wrk -c%d %s: %.0f req/s (socket errors: %s)", connections, connectionClose ? "Connection: close" : "keep-alive",
                r.requestsPerSecond(), r.socketErrors());
        return r.requestsPerSecond();
    }

    static void run(Bench bench) {
        Options o = bench.options();
        int connections = o.integer("concurrency", 100);
        List<Double> keepAlive = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        for (int run = 0; run < bench.runs(); run++) {
            try (TargetFarm target = bench.target(Hosts.first(o.integer("hosts", 64)), o.integer("latency-ms", 0), true)) {
                keepAlive.add(measure(bench, target, connections, false));
            }
            try (TargetFarm target = bench.target(Hosts.first(o.integer("hosts", 64)), o.integer("latency-ms", 0), false)) {
                close.add(measure(bench, target, connections, true));
            }
        }
        new Report("ceiling", bench)
                .put("wrkKeepAlive", keepAlive).put("wrkClose", close)
                .put("medianKeepAlive", Stats.median(keepAlive)).put("medianClose", Stats.median(close))
                .row("wrk against the target", "req/s (median of " + bench.runs() + ")")
                .row("keep-alive, -c" + connections, Stats.median(keepAlive))
                .row("Connection: close, -c" + connections, Stats.median(close))
                .finish(bench.resultsDir());
    }
}
