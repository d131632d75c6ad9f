package io.urlcheck.producer.monitor;

import io.urlcheck.contract.Schedule;

import java.time.Instant;

/**
 * The tick rule, in one place: which tick of a {@link Schedule} is due given the last one fired. A due tick
 * is the latest tick at or before now that is later than the last fired one, so a monitor never fired
 * fires its current tick at once, and ticks missed while nobody ran collapse into the latest.
 */
public final class Ticks {

    private Ticks() {
    }

    /** The tick to fire at {@code now}, or null when none is due; {@code lastFired} null = never fired. */
    public static Instant due(Schedule schedule, Instant lastFired, Instant now) {
        Instant latest = schedule.latestTickAtOrBefore(now);
        if (latest == null || lastFired != null && !latest.isAfter(lastFired)) {
            return null;
        }
        return latest;
    }

    /** When the monitor fires next: now when a tick is due, else the first tick after now; null if never. */
    public static Instant next(Schedule schedule, Instant lastFired, Instant now) {
        Instant due = due(schedule, lastFired, now);
        if (due != null) {
            return now;
        }
        return schedule.firstTickAfter(lastFired != null && lastFired.isAfter(now) ? lastFired : now);
    }
}
