package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.MonitorJobId;

import java.util.List;
import java.util.Optional;

/** The body of {@code GET /api/results/lookup}: a URL's latest result and every check of it, newest first. */
public record UrlHistory(CheckResult latest, List<CheckResult> history) {

    /** The same history limited to the runs of {@code monitor} ({@link MonitorJobId}); empty when it has none. */
    public Optional<UrlHistory> ofMonitor(String monitor) {
        List<CheckResult> runs = history.stream().filter(r -> MonitorJobId.parse(r.jobId())
                .map(run -> run.monitor().equals(monitor)).orElse(false)).toList();
        return runs.isEmpty() ? Optional.empty() : Optional.of(new UrlHistory(runs.get(0), runs));
    }
}
