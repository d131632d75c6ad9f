package io.urlcheck.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every URL by its response time, kept so that the slowest few can be named at any moment
 * ({@link SummaryCalculator#SLOW_ORDER}: slowest first, the greater URL first among equals). URLs are
 * grouped per exact response time, so counting one in or out is a hash-set update under one tree
 * lookup by a number, never a comparison of URLs; the URLs are ordered only when asked, and then only
 * within the slowest groups. Not thread-safe.
 */
final class SlowestUrls {

    /** The greater URL first: the order among URLs of one response time. */
    private static final Comparator<String> URL_ORDER = Comparator.reverseOrder();

    private final NavigableMap<Long, Set<String>> urlsByTime = new TreeMap<>();

    void add(String url, long responseTimeMs) {
        urlsByTime.computeIfAbsent(responseTimeMs, t -> new HashSet<>()).add(url);
    }

    void remove(String url, long responseTimeMs) {
        Set<String> urls = urlsByTime.get(responseTimeMs);
        if (urls != null && urls.remove(url) && urls.isEmpty()) {
            urlsByTime.remove(responseTimeMs);
        }
    }

    /** The {@code n} slowest, in {@link SummaryCalculator#SLOW_ORDER}. */
    List<Summary.Slow> top(int n) {
        List<Summary.Slow> slowest = new ArrayList<>(n);
        for (Map.Entry<Long, Set<String>> group : urlsByTime.descendingMap().entrySet()) {
            if (slowest.size() == n) {
                break;
            }
            for (String url : greatest(group.getValue(), n - slowest.size())) {
                slowest.add(new Summary.Slow(url, group.getKey()));
            }
        }
        return slowest;
    }

    /** The {@code n} greatest of {@code urls}, greatest first: a heap of n, one pass over the group. */
    private static List<String> greatest(Set<String> urls, int n) {
        PriorityQueue<String> kept = new PriorityQueue<>(n + 1); // least first: the one to drop
        for (String url : urls) {
            kept.add(url);
            if (kept.size() > n) {
                kept.poll();
            }
        }
        List<String> out = new ArrayList<>(kept);
        out.sort(URL_ORDER);
        return out;
    }
}
