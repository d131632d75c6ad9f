package io.urlcheck.sink.store.json;

import java.time.Duration;

/**
 * How long the snapshot writer rests before its next rewrite of {@code results.json}: the configured
 * interval, or {@value #REST_PER_WRITE} times as long as the last rewrite took, whichever is longer. A
 * rewrite serializes the latest result of every URL, so its cost grows with the store; resting in
 * proportion keeps the writer to at most a tenth of one core's time, however large the store grows,
 * and leaves the rest to storing results. {@code results.jsonl} is the durable truth either way.
 */
final class SnapshotPace {

    /** The rest after a rewrite, as a multiple of the rewrite's own length: 9 rests per 1 writing. */
    static final int REST_PER_WRITE = 9;

    private SnapshotPace() {
    }

    /** The wait before the next rewrite, after one that took {@code lastWrite}. */
    static Duration next(Duration interval, Duration lastWrite) {
        Duration proportional = lastWrite.multipliedBy(REST_PER_WRITE);
        return proportional.compareTo(interval) > 0 ? proportional : interval;
    }
}
