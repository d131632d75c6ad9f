package io.urlcheck.sink;

import java.time.Instant;

/**
 * What the sink's own state says of one monitor: URLs whose latest result is not a failure ({@code up}) or is
 * one ({@code down}), and its newest run with results (tick and job id; null before any).
 */
public record MonitorStatus(int up, int down, Instant lastRun, String lastJobId) {

    /** A monitor the sink has seen no result of. */
    public static final MonitorStatus NONE = new MonitorStatus(0, 0, null, null);
}
