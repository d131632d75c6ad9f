package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link EventRule} to a batch of monitor results in order, so two results of one URL in a batch are
 * judged one after the other, and sums what changed into one {@link MonitorBatch}: the watches that moved on,
 * the events, and each run's counts (a URL counts once per run, as its latest result in that run).
 */
public final class MonitorJudge {

    private MonitorJudge() {
    }

    /** One result of a monitor's run: the monitor as the sink knows it, the run's tick and the result. */
    public record Observation(Monitor monitor, Instant tick, CheckResult result) {

        /** The watch this result moves. */
        public UrlWatch.Key key() {
            return new UrlWatch.Key(monitor.name(), result.url());
        }
    }

    /** Judges {@code observations} against {@code stored} (the watches of their keys that exist). */
    public static MonitorBatch judgeAll(List<Observation> observations, Map<UrlWatch.Key, UrlWatch> stored) {
        Map<UrlWatch.Key, UrlWatch> watches = new HashMap<>(stored);
        Map<UrlWatch.Key, UrlWatch> moved = new LinkedHashMap<>();
        Map<String, RunTally> tallies = new LinkedHashMap<>();
        List<MonitorEvent> events = new ArrayList<>();
        for (Observation o : observations) {
            UrlWatch before = watches.get(o.key());
            EventRule.Verdict verdict = EventRule.judge(o.monitor(), o.tick(), o.result(), before);
            if (verdict == null) {
                continue;
            }
            UrlWatch after = verdict.watch();
            watches.put(o.key(), after);
            moved.put(o.key(), after);
            events.addAll(verdict.events());
            if (before != null && before.jobId().equals(after.jobId())) {
                count(tallies, before, -1); // checked again in the same run: its latest result counts instead
            }
            count(tallies, after, 1);
        }
        return new MonitorBatch(List.copyOf(moved.values()), List.copyOf(events), List.copyOf(tallies.values()));
    }

    private static void count(Map<String, RunTally> tallies, UrlWatch watch, int sign) {
        RunTally change = new RunTally(watch.monitor(), watch.jobId(), watch.tick(),
                watch.down() ? 0 : sign, watch.down() ? sign : 0);
        tallies.merge(watch.jobId(), change, RunTally::plus);
    }
}
