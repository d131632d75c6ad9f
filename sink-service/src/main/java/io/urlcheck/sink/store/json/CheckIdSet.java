package io.urlcheck.sink.store.json;

/**
 * The check ids the store holds, as 64-bit fingerprints in open-addressing tables of primitive longs:
 * about 20 bytes of heap per check instead of a String in a HashSet (~130). A fingerprint can collide, so
 * {@link #mayContain} is only a filter: the store confirms a hit against the URL's history on disk.
 * Spread over {@value #SEGMENTS} small tables that grow one at a time, so that no single array gets big
 * (a large array needs a contiguous block, which a small heap may not have). Not thread-safe.
 */
final class CheckIdSet {

    /** Heap per fingerprint, on average, at the load factors below (the index's accounting uses it). */
    static final long BYTES_PER_ID = 24;

    private static final int SEGMENTS = 256;
    private static final int INITIAL_SLOTS = 64;

    private final long[][] tables = new long[SEGMENTS][];
    private final int[] sizes = new int[SEGMENTS];
    private long size;

    CheckIdSet() {
        for (int s = 0; s < SEGMENTS; s++) {
            tables[s] = new long[INITIAL_SLOTS];
        }
    }

    /** True when a check id with the same fingerprint was added: maybe the same id, maybe a collision. */
    boolean mayContain(String checkId) {
        long fp = fingerprint(checkId);
        long[] table = tables[segment(fp)];
        int mask = table.length - 1;
        for (int i = slot(fp, mask); ; i = (i + 1) & mask) {
            if (table[i] == fp) {
                return true;
            }
            if (table[i] == 0) {
                return false;
            }
        }
    }

    /** Adds the check id's fingerprint (a no-op when it is there already). */
    void add(String checkId) {
        long fp = fingerprint(checkId);
        int s = segment(fp);
        if (insert(tables[s], fp)) {
            sizes[s]++;
            size++;
            if (sizes[s] * 4L > tables[s].length * 3L) {
                tables[s] = grown(tables[s]);
            }
        }
    }

    /** How many distinct fingerprints are held. */
    long size() {
        return size;
    }

    private static boolean insert(long[] table, long fp) {
        int mask = table.length - 1;
        for (int i = slot(fp, mask); ; i = (i + 1) & mask) {
            if (table[i] == fp) {
                return false;
            }
            if (table[i] == 0) {
                table[i] = fp;
                return true;
            }
        }
    }

    private static long[] grown(long[] table) {
        long[] bigger = new long[table.length * 2];
        for (long fp : table) {
            if (fp != 0) {
                insert(bigger, fp);
            }
        }
        return bigger;
    }

    private static int segment(long fp) {
        return (int) (fp >>> 56);
    }

    private static int slot(long fp, int mask) {
        return (int) fp & mask;
    }

    /** FNV-1a over the chars, then MurmurHash3's finalizer; never 0 (0 marks an empty slot). */
    static long fingerprint(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
