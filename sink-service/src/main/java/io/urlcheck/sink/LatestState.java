package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;

/** The rule that keeps the latest state per URL exact under redelivery and reordering. */
public final class LatestState {

    private LatestState() {
    }

    /**
     * True when {@code incoming} should replace {@code current} as its URL's latest result: there is
     * none yet, or it is newer ({@link CheckResult#isNewerThan}). A redelivery of the current result is
     * not newer than itself, so it never replaces anything.
     */
    public static boolean replaces(CheckResult incoming, CheckResult current) {
        return current == null || incoming.isNewerThan(current);
    }
}
