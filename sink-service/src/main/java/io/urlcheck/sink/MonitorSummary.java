package io.urlcheck.sink;

import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Schedule;

import java.time.Instant;

/**
 * One monitor in {@code GET /api/monitors} of the sink: its name, schedule and URL count (from
 * {@code urlcheck.monitors}), and what the sink's own state says: URLs up and down, its newest run with results.
 */
public record MonitorSummary(String name, Schedule schedule, int urls, int up, int down, Instant lastRun, String lastJobId) {

    /** The summary of {@code monitor} with its {@code status}. */
    public static MonitorSummary of(Monitor monitor, MonitorStatus status) {
        return new MonitorSummary(monitor.name(), monitor.schedule(), monitor.urls().size(), status.up(), status.down(),
                status.lastRun(), status.lastJobId());
    }
}
