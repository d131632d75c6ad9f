package io.urlcheck.launcher.output;

import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.client.JobStatus;

import java.util.Comparator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The words of a progress report, shared by the live bar and the plain periodic lines. */
public final class ProgressText {

    private ProgressText() {
    }

    /** {@code OK 12, HTTP_ERROR 3}: counts by outcome, coloured by {@code style}. */
    public static String outcomes(Map<String, Long> outcomes, Style style) {
        StringJoiner joiner = new StringJoiner(", ");
        sorted(outcomes).forEach((outcome, count) -> joiner.add(style.outcome(outcome, TerminalText.safe(outcome) + " " + count)));
        return joiner.toString();
    }

    /** {@code outcomes} in the contract's order (OK first), names it does not know last, alphabetically. */
    public static Map<String, Long> sorted(Map<String, Long> outcomes) {
        Map<String, Long> sorted = new TreeMap<>(Comparator
                .comparingInt(ProgressText::rank).thenComparing(Comparator.naturalOrder()));
        sorted.putAll(outcomes);
        return sorted;
    }

    /** An outcome's place in the contract's order; names it does not know come last. */
    static int rank(String outcome) {
        try {
            return Outcome.valueOf(outcome).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * {@code checked 120/200 (60.0%), 35.2/s, ETA 2s, OK 100, HTTP_ERROR 20}; total is {@code ?} until known,
     * and an open intake job shows its counts so far: {@code checked 51/60 so far (open-ended), 3.1/s, OK 51}.
     */
    public static String line(JobStatus status) {
        if (status.openEnded() && !status.complete()) {
            String outcomes = outcomes(status.outcomes(), Style.PLAIN);
            return "checked " + status.checked() + "/" + status.expected() + " so far (open-ended), "
                    + Formats.rate(status.ratePerSecond()) + (outcomes.isEmpty() ? "" : ", " + outcomes);
        }
        String total = status.complete() ? Long.toString(status.expected()) : "?";
        String pct = status.complete() ? " (" + Formats.percent(status.checked(), status.expected()) + ")" : "";
        String outcomes = outcomes(status.outcomes(), Style.PLAIN);
        return "checked " + status.checked() + "/" + total + pct
                + ", " + Formats.rate(status.ratePerSecond())
                + ", ETA " + Formats.duration(status.etaSeconds())
                + (outcomes.isEmpty() ? "" : ", " + outcomes);
    }
}
