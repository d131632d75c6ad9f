package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

/**
 * Rebuilds a {@link ResultIndex} from the JSON Lines files at start: one line at a time, skipping a check
 * that is there twice, and stopping at the first line that would not fit in the index's budget.
 */
final class IndexReplay {

    private static final Logger LOG = Logger.getLogger(IndexReplay.class);

    /** Confirms on disk that a check whose fingerprint the index already holds is really stored. */
    @FunctionalInterface
    interface StoredCheck {
        boolean isStored(CheckResult r) throws IOException;
    }

    /**
     * How a replay ended.
     *
     * @param results    how the reading of results.jsonl ended
     * @param notFitting what did not fit in the budget, null when everything did
     */
    record Outcome(JsonLinesFile.Replay results, String notFitting) {
    }

    private final ResultIndex index;
    private final StoredCheck stored;
    private final BooleanSupplier stop;
    private String notFitting;

    private IndexReplay(ResultIndex index, StoredCheck stored, BooleanSupplier stop) {
        this.index = index;
        this.stored = stored;
        this.stop = stop;
    }

    /** Replays {@code results} then {@code jobs} into {@code index}; {@code stop} ends it early (the store is closing). */
    static Outcome run(JsonLinesFile results, JsonLinesFile jobs, ResultIndex index, StoredCheck stored, BooleanSupplier stop)
            throws IOException {
        IndexReplay replay = new IndexReplay(index, stored, stop);
        JsonLinesFile.Replay r = results.replay(CheckResult.class, (result, offset) -> replay.result(result, offset, results));
        jobs.replay(JobTotals.class, (totals, offset) -> replay.totals(totals));
        return new Outcome(r, replay.notFitting);
    }

    private boolean result(CheckResult r, long offset, JsonLinesFile file) {
        if (stop.getAsBoolean()) {
            return false;
        }
        try {
            if (index.mayContain(r.checkId()) && stored.isStored(r)) {
                LOG.warnf("%s: check %s at byte %d is there twice; the later one is ignored", file.path(), r.checkId(), offset);
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!index.fits(index.costOf(r))) {
            notFitting = "its results";
            return false;
        }
        index.add(r, offset);
        return true;
    }

    /** Totals of a contributor the index knows always fit; those of a new job or contributor only while there is room (else skipped). */
    private boolean totals(JobTotals t) {
        long cost = index.costOf(t);
        if (cost == 0 || (notFitting == null && index.fits(cost))) {
            index.putTotals(t);
        } else if (notFitting == null) {
            notFitting = "its jobs";
        }
        return !stop.getAsBoolean();
    }
}
