package io.urlcheck.sink;

import java.time.Instant;

/** One run of a monitor as {@code GET /api/monitors/{name}/runs} shows it: URLs up, down and in all. */
public record MonitorRun(String jobId, Instant tick, int up, int down, int total) {

    /** A run from its stored tally. */
    public static MonitorRun of(RunTally tally) {
        return new MonitorRun(tally.jobId(), tally.tick(), tally.up(), tally.down(), tally.up() + tally.down());
    }
}
