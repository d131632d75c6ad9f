package io.urlcheck.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures a scenario collects over its runs, one series per figure, and each series' median. */
final class Samples {

    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    /** Adds one run's {@code value} to the series {@code figure}. */
    void add(String figure, double value) {
        series.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
    }

    /** The median of the series {@code figure}; NaN when it has no value. */
    double median(String figure) {
        return Stats.median(series.getOrDefault(figure, List.of()));
    }

    /** The median rounded to {@code digits} decimals, or "n/a" when no run gave the figure. */
    Object medianOrNa(String figure, int digits) {
        return series.containsKey(figure) ? Stats.round(median(figure), digits) : "n/a";
    }
}
