package io.urlcheck.producer;

/**
 * Per-job duplicate detection in bounded memory: an open-addressing set of 64-bit hashes of result URLs
 * (normalized URL, or the trimmed input for a rejection). It costs 8 to 16 bytes per distinct URL (the
 * table doubles at 75% load) and stops growing at {@code maxEntries}: past it, URLs already remembered
 * are still recognized, but new ones are no longer remembered, so repeats among them are not detected
 * (they are published again, never dropped). Two distinct URLs sharing a 64-bit hash (odds about
 * n²/2⁶⁵, 3·10⁻⁶ for ten million URLs) would count the second as a duplicate. Its table's memory comes from
 * the {@link DedupSets} budget it was made from: a table that may not grow there stops remembering new URLs the
 * same way. {@link #close} gives the memory back. Not thread-safe.
 */
public final class UrlDedup {

    private static final long EMPTY = 0L;
    /** Small, so that the thousands of intake jobs a producer may keep open cost little until they grow. */
    private static final int INITIAL_CAPACITY = 1 << 6;

    private final int maxEntries;
    private final DedupSets budget;
    private long[] table;
    private int size;
    private boolean hasZero;
    private boolean saturated;
    /** True once the budget refused a larger table: this one fills to its load limit and no further. */
    private boolean full;

    UrlDedup(int maxEntries, DedupSets budget) {
        this.maxEntries = maxEntries;
        this.budget = budget;
        // The first table is taken even past the budget: 512 bytes a job, and intake jobs open at once are bounded.
        budget.take(INITIAL_CAPACITY);
        this.table = new long[INITIAL_CAPACITY];
    }

    /** True the first time {@code url} is offered; false for a repeat (or a hash collision). */
    public boolean firstTime(String url) {
        long hash = hash(url);
        if (hash == EMPTY) {
            if (hasZero) {
                return false;
            }
            if (!roomForOneMore()) {
                saturated = true;
                return true;
            }
            hasZero = true;
            size++;
            return true;
        }
        int mask = table.length - 1;
        int slot = (int) mix(hash) & mask;
        while (table[slot] != EMPTY) {
            if (table[slot] == hash) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (!roomForOneMore()) {
            saturated = true;
            return true;
        }
        table[slot] = hash;
        size++;
        if (size * 4L > table.length * 3L && !full) {
            grow();
        }
        return true;
    }

    /** Whether one more URL may be remembered: under the cap, and under the load limit of a table that cannot grow. */
    private boolean roomForOneMore() {
        return size < maxEntries && (!full || (size + 1) * 4L <= table.length * 3L);
    }

    /** Gives the table's memory back to the budget; the set is not used after. */
    public void close() {
        budget.release(table.length);
        table = new long[0];
    }

    /** Distinct URLs remembered. */
    public int size() {
        return size;
    }

    /** True once a URL arrived after the set was full, so later repeats may have gone undetected. */
    public boolean saturated() {
        return saturated;
    }

    private void grow() {
        long[] old = table;
        if (!budget.reserve(old.length * 2)) {
            full = true;
            return;
        }
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long h : old) {
            if (h != EMPTY) {
                int slot = (int) mix(h) & mask;
                while (table[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = h;
            }
        }
        budget.release(old.length);
    }

    /** 64-bit FNV-1a over the UTF-16 code units, then a finalizer; stable across JVMs. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
