package io.urlcheck.sink;

import java.time.Instant;

/**
 * A change to one run's counts of URLs up (latest result in the run not a failure) and down (a failure); as a
 * stored row, the counts themselves. A URL checked twice in one run moves from one count to the other.
 */
public record RunTally(String monitor, String jobId, Instant tick, int up, int down) {

    /** This tally plus {@code other}'s counts (same run). */
    public RunTally plus(RunTally other) {
        return new RunTally(monitor, jobId, tick, up + other.up, down + other.down);
    }
}
