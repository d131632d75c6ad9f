package io.urlcheck.sink;

import io.urlcheck.contract.MonitorEvent;

import java.util.List;

/**
 * What judging a batch of monitor results decided, written as one durable unit: the watches that moved on,
 * the events raised (stored unpublished, then published) and the changes to the runs' counts.
 */
public record MonitorBatch(List<UrlWatch> watches, List<MonitorEvent> events, List<RunTally> tallies) {

    /** Nothing to write. */
    public static final MonitorBatch EMPTY = new MonitorBatch(List.of(), List.of(), List.of());

    /** Whether there is nothing to write. */
    public boolean isEmpty() {
        return watches.isEmpty() && events.isEmpty() && tallies.isEmpty();
    }
}
