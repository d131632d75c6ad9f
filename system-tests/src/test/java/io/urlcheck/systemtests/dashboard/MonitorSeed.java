package io.urlcheck.systemtests.dashboard;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor MonitorDashboardIT feeds the sink: five URLs checked every minute for {@value #RUNS} runs ending
 * before {@code now}. URL 1 answers 503 in runs 5 to 9 (BROKEN at run 6, RECOVERED at 10), URL 3 times out from
 * run 13 on (BROKEN at 14, still down), URL 4 fails once in run 3 (a flap: no event).
 */
record MonitorSeed(Monitor monitor, List<Instant> ticks, List<CheckResult> results) {

    static final int RUNS = 16;
    /** Types of the events the seed raises, newest first, as {@code /api/events} lists them. */
    static final List<String> EVENTS = List.of("BROKEN", "RECOVERED", "BROKEN");

    static MonitorSeed create(String name, Instant now) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            urls.add("https://status.example.test/" + name + "/page-" + i);
        }
        Monitor monitor = new Monitor(name, Schedule.every("1m"), urls, null, null, 2, null);
        Instant last = monitor.schedule().latestTickAtOrBefore(now).minusSeconds(60);
        List<Instant> ticks = new ArrayList<>();
        List<CheckResult> results = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Instant tick = last.minusSeconds(60L * (RUNS - 1 - run));
            ticks.add(tick);
            for (int i = 0; i < urls.size(); i++) {
                results.add(result(MonitorJobId.of(name, tick), urls.get(i), outcome(run, i), tick.plusSeconds(2 + i)));
            }
        }
        return new MonitorSeed(monitor, List.copyOf(ticks), List.copyOf(results));
    }

    private static Outcome outcome(int run, int url) {
        if (url == 1 && run >= 5 && run <= 9) {
            return Outcome.HTTP_ERROR;
        }
        if (url == 3 && run >= 13 || url == 4 && run == 3) {
            return Outcome.TIMEOUT;
        }
        return Outcome.OK;
    }

    private static CheckResult result(String jobId, String url, Outcome outcome, Instant at) {
        boolean ok = outcome == Outcome.OK;
        return CheckResult.builder().jobId(jobId).requestId("req-" + Integer.toHexString((jobId + url).hashCode()))
                .input(url).url(url).outcome(outcome).statusCode(ok ? Integer.valueOf(200)
                        : outcome == Outcome.HTTP_ERROR ? Integer.valueOf(503) : null)
                .title(ok ? "Status page" : null).finalUrl(ok ? url : null).responseTimeMs(ok ? 42L : 10_003L)
                .error(ok ? null : outcome == Outcome.TIMEOUT ? "no response within the 10s deadline" : null)
                .attempts(1).workerId("worker-it").checkedAt(at).build();
    }
}
