package io.urlcheck.producer;

import io.urlcheck.contract.Rejection;

/**
 * Counts what an {@link Ingestion} makes of its inputs, for the service's metrics: every input seen, then
 * exactly one of accepted, rejected (with its {@link Rejection}), duplicate, or nothing for a blank
 * or comment input (an excluded URL or a relative link is rejected with {@link Rejection#SKIPPED}). One meter per way in (file, REST, intake); it must be thread-safe.
 */
public interface IngestionMeter {

    /** Counts nothing, for ingestions nobody measures (tests, benchmarks). */
    IngestionMeter NONE = new IngestionMeter() {
        @Override
        public void input() {
        }

        @Override
        public void accepted() {
        }

        @Override
        public void rejected(Rejection why) {
        }

        @Override
        public void duplicate() {
        }
    };

    /** An input (line, array element, intake record) was read. */
    void input();

    /** It was accepted: a request was published. */
    void accepted();

    /** It was rejected: an {@code INVALID_URL} result was published. */
    void rejected(Rejection why);

    /** It repeated an earlier input of its job. */
    void duplicate();
}
