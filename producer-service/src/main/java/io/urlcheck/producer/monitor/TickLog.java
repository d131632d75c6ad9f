package io.urlcheck.producer.monitor;

import java.time.Instant;

/** Where the last tick each monitor fired is kept, shared by every replica (the messaging edge's ticks topic). */
public interface TickLog {

    /** The last tick {@code monitor} fired that this replica has read, or null. */
    Instant lastTick(String monitor);

    /**
     * Records that {@code monitor} fires {@code tick}, returning only once the record is durable.
     *
     * @throws RuntimeException when it could not be recorded; the tick is then not fired
     */
    void record(String monitor, Instant tick);
}
