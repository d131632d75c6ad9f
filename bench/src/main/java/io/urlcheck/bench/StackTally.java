package io.urlcheck.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stack samples counted the three ways {@code jfr-top} and {@code stacks-top} print them: by component (see
 * {@link Components}), by the leaf frame (self), and by every frame on the stack (total, each frame once a stack).
 * How many frames a table lists comes from {@code --top} (25 by default).
 */
final class StackTally {

    private final int top;
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> total = new HashMap<>();
    private final Map<String, Integer> components = new HashMap<>();
    private int samples;

    StackTally(Options options) {
        this.top = options.integer("top", 25);
    }

    /**
     * Counts {@code weight} samples of one stack: its frames and their types, both leaf first. An empty stack
     * counts as samples only.
     */
    void add(List<String> framesLeafFirst, List<String> typesLeafFirst, int weight) {
        samples += weight;
        if (framesLeafFirst.isEmpty()) {
            return;
        }
        self.merge(framesLeafFirst.get(0), weight, Integer::sum);
        components.merge(Components.of(typesLeafFirst), weight, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (String frame : framesLeafFirst) {
            if (seen.add(frame)) {
                total.merge(frame, weight, Integer::sum);
            }
        }
    }

    /** The samples counted, empty stacks included. */
    int samples() {
        return samples;
    }

    /** How many rows a frame table lists. */
    int top() {
        return top;
    }

    /** Prints the three tables: by component (under {@code componentTitle}), then the top self and total frames. */
    void print(String componentTitle) {
        printShares(componentTitle, components, samples, 20);
        printShares("self (top of stack)", self, samples, top);
        printShares("total (anywhere on stack)", total, samples, top);
    }

    /** Prints the {@code top} largest {@code counts} as percentages of {@code sum}, under {@code title}. */
    static void printShares(String title, Map<String, ? extends Number> counts, long sum, int top) {
        System.out.println("\n-- " + title);
        counts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, ? extends Number> e) -> e.getValue().longValue()).reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%6.1f %%  %s%n", 100.0 * e.getValue().longValue() / Math.max(sum, 1), e.getKey()));
    }
}
