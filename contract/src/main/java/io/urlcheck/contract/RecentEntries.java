package io.urlcheck.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code capacity} entries put most recently, oldest first: putting one more drops the oldest, and
 * {@link #putNewest} makes a key the newest again. For the bounded "seen lately" memories of the services.
 * Not thread-safe: its owner guards it.
 */
public final class RecentEntries<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    /** Remembers up to {@code capacity} entries. */
    public RecentEntries(int capacity) {
        super(16, 0.75f, false);
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative; got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Puts {@code key} as the newest entry, wherever it stood before. */
    public void putNewest(K key, V value) {
        remove(key);
        put(key, value);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
