package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Schedule;

import java.time.Instant;
import java.util.List;

/** Results of monitor runs for tests: run {@code n} of a monitor ticks a minute after run {@code n - 1}. */
public final class MonitorResults {

    /** The tick of run 0. */
    public static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

    private MonitorResults() {
    }

    /** A monitor of {@code urls}, every minute, with {@code brokenAfter}. */
    public static Monitor monitor(String name, int brokenAfter, String... urls) {
        return new Monitor(name, Schedule.every("1m"), List.of(urls), null, null, brokenAfter, null);
    }

    /** The tick of run {@code n}. */
    public static Instant tick(int n) {
        return T0.plusSeconds(60L * n);
    }

    /** The result of {@code url} in run {@code n} of {@code monitor}: OK 200 or the failure given. */
    public static CheckResult result(String monitor, int n, String url, Outcome outcome) {
        boolean ok = outcome == Outcome.OK;
        Integer status = ok ? Integer.valueOf(200) : outcome == Outcome.HTTP_ERROR ? Integer.valueOf(503) : null;
        return CheckResult.builder().jobId(MonitorJobId.of(monitor, tick(n))).input(url).url(url).outcome(outcome)
                .statusCode(status).title(ok ? "Home" : null).finalUrl(url)
                .responseTimeMs(5L).error(ok ? null : "failed: " + outcome).attempts(1)
                .checkedAt(tick(n).plusSeconds(2)).workerId("w1").build();
    }

    /** {@code results} as observations of {@code monitor}. */
    public static List<MonitorJudge.Observation> observations(Monitor monitor, List<CheckResult> results) {
        return results.stream().map(r -> new MonitorJudge.Observation(monitor,
                MonitorJobId.parse(r.jobId()).orElseThrow().tick(), r)).toList();
    }
}
