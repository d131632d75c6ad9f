package io.urlcheck.launcher.output;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between a baseline run and this one, URL by URL (the normalized {@code url}). Pure: two lists of
 * results in, the diff out. OK is the outcome {@code OK}; SKIPPED is neither OK nor failing, so a URL skipped on
 * either side is only counted; every other outcome is failing. Outcomes are compared as names, so a baseline
 * written by a newer or older launcher with outcomes this one does not know still compares.
 *
 * @param broken       OK in the baseline, failing now: what {@code --fail-on-new} fails on
 * @param recovered    failing in the baseline, OK now
 * @param stillFailing failing in the baseline and now
 * @param added        URLs checked now that the baseline does not have
 * @param gone         URLs in the baseline that were not checked now
 * @param skipped      URLs in both whose outcome was SKIPPED on either side
 * @param stillOk      URLs OK in both
 */
public record BaselineDiff(List<Change> broken, List<Change> recovered, List<Change> stillFailing,
                           long added, long gone, long skipped, long stillOk) {

    /** The outcome that counts as working. */
    static final String OK = "OK";
    /** The outcome of a URL the run chose not to check: neither OK nor broken. */
    static final String SKIPPED = "SKIPPED";

    /** Copies the lists. */
    public BaselineDiff {
        broken = List.copyOf(broken);
        recovered = List.copyOf(recovered);
        stillFailing = List.copyOf(stillFailing);
    }

    /**
     * One result as the diff needs it.
     *
     * @param url       the normalized URL, the key of the comparison
     * @param outcome   the outcome's name
     * @param checkedAt when it was checked; null when unknown (then any dated result of the same URL wins)
     */
    public record Entry(String url, String outcome, Instant checkedAt) {
    }

    /**
     * One URL whose state is reported by name.
     *
     * @param url    the normalized URL
     * @param before its outcome in the baseline
     * @param after  its outcome now
     */
    public record Change(String url, String before, String after) {
    }

    /** Compares {@code current} with {@code baseline}; of several results for one URL, the newest counts. */
    public static BaselineDiff compare(Collection<Entry> baseline, Collection<Entry> current) {
        Map<String, Entry> before = newestByUrl(baseline);
        Map<String, Entry> now = newestByUrl(current);
        List<Change> broken = new ArrayList<>();
        List<Change> recovered = new ArrayList<>();
        List<Change> stillFailing = new ArrayList<>();
        long added = 0;
        long skipped = 0;
        long stillOk = 0;
        for (Entry after : now.values()) {
            Entry then = before.get(after.url());
            if (then == null) {
                added++;
                continue;
            }
            Change change = new Change(after.url(), then.outcome(), after.outcome());
            if (SKIPPED.equals(then.outcome()) || SKIPPED.equals(after.outcome())) {
                skipped++;
            } else if (OK.equals(then.outcome())) {
                if (OK.equals(after.outcome())) {
                    stillOk++;
                } else {
                    broken.add(change);
                }
            } else if (OK.equals(after.outcome())) {
                recovered.add(change);
            } else {
                stillFailing.add(change);
            }
        }
        long gone = before.keySet().stream().filter(url -> !now.containsKey(url)).count();
        Comparator<Change> byUrl = Comparator.comparing(Change::url);
        broken.sort(byUrl);
        recovered.sort(byUrl);
        stillFailing.sort(byUrl);
        return new BaselineDiff(broken, recovered, stillFailing, added, gone, skipped, stillOk);
    }

    /** True when at least one URL broke since the baseline. */
    public boolean anyBroken() {
        return !broken.isEmpty();
    }

    private static Map<String, Entry> newestByUrl(Collection<Entry> entries) {
        Map<String, Entry> newest = new HashMap<>();
        for (Entry entry : entries) {
            newest.merge(entry.url(), entry, (a, b) -> newer(b, a) ? b : a);
        }
        return newest;
    }

    /** True when {@code candidate} was checked after {@code kept}; an undated result loses to a dated one. */
    private static boolean newer(Entry candidate, Entry kept) {
        if (candidate.checkedAt() == null) {
            return false;
        }
        return kept.checkedAt() == null || candidate.checkedAt().isAfter(kept.checkedAt());
    }
}
