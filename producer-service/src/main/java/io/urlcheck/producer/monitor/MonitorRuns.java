package io.urlcheck.producer.monitor;

import io.urlcheck.contract.Monitor;

import java.time.Instant;

/** Starts one run of a monitor as a job; the edge passes it to the producer's job submitter. */
@FunctionalInterface
public interface MonitorRuns {

    /**
     * Submits {@code monitor}'s run at {@code tick}, returning once its records are acknowledged.
     *
     * @throws RuntimeException when the job could not be submitted
     */
    void submit(Monitor monitor, Instant tick);
}
