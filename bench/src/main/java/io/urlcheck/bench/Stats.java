package io.urlcheck.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and rounding for the figures printed and recorded. */
public final class Stats {

    private Stats() {
    }

    /** The median of {@code values} (mean of the middle two for an even count); NaN when empty. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** {@code value} rounded to {@code digits} decimals, for readable JSON. */
    public static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
