package io.urlcheck.systemtests.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the sink holds for one run's known inputs, checked against the accounting identity: every input
 * has exactly one latest result ({@code out == in}, none missing, none twice), and nothing else was
 * stored for the job. Duplicates in history (a URL checked more than once after a redelivery) are
 * allowed and counted.
 *
 * @param scenario          the test's name, e.g. {@code killOneOfTwoWorkers}
 * @param store             the sink's store
 * @param in                inputs submitted
 * @param out               distinct URLs with a latest result for the job
 * @param latestDuplicates  latest-state rows beyond one per URL (must be 0)
 * @param missing           inputs without a latest result (must be empty)
 * @param unexpected        latest results for URLs that were never submitted (must be empty)
 * @param historyDuplicates checks stored beyond one per URL (allowed)
 * @param startup           until broker and services were ready
 * @param wall              from the stack being ready to the job being done and accounted
 */
public record Accounting(String scenario, Store store, int in, int out, int latestDuplicates, List<String> missing,
                         List<String> unexpected, long historyDuplicates, Duration startup, Duration wall) {

    public Accounting {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    /** One parseable line: {@code ACCOUNTING scenario=... store=... in=N out=N duplicatesInHistory=D ...}. */
    public String line() {
        return String.format(Locale.ROOT,
                "ACCOUNTING scenario=%s store=%s in=%d out=%d latestDuplicates=%d missing=%d unexpected=%d "
                        + "duplicatesInHistory=%d startupSeconds=%.1f runSeconds=%.1f",
                scenario, store.property(), in, out, latestDuplicates, missing.size(), unexpected.size(),
                historyDuplicates, startup.toMillis() / 1000.0, wall.toMillis() / 1000.0);
    }

    /** True when the identity holds: every input exactly once in the latest state, nothing lost, nothing extra. */
    public boolean holds() {
        return out == in && latestDuplicates == 0 && missing.isEmpty() && unexpected.isEmpty();
    }
}
