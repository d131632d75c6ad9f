package io.urlcheck.producer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where every job's {@link UrlDedup} comes from: each remembers up to {@code maxUrls} distinct URLs, and all of
 * them together hold at most {@code maxBytes} of tables, however many jobs run at once. A set that cannot grow
 * within that budget stops remembering new URLs, as one at its own cap does: repeats among them are published
 * again, never dropped. A job gives its set's memory back ({@link UrlDedup#close}) when it ends. Thread-safe.
 */
public final class DedupSets {

    private final int maxUrls;
    private final long maxSlots;
    private final AtomicLong usedSlots = new AtomicLong();

    /**
     * @param maxUrls  distinct URLs one set remembers at most
     * @param maxBytes bytes of tables all sets hold together at most
     */
    public DedupSets(int maxUrls, long maxBytes) {
        this.maxUrls = maxUrls;
        this.maxSlots = maxBytes / Long.BYTES;
    }

    /** A new job's set. */
    public UrlDedup newSet() {
        return new UrlDedup(maxUrls, this);
    }

    /** Bytes of tables the open sets hold now. */
    public long usedBytes() {
        return usedSlots.get() * Long.BYTES;
    }

    /** Takes {@code slots} from the budget if they fit; false, taking nothing, if they do not. */
    boolean reserve(int slots) {
        for (long used = usedSlots.get(); used + slots <= maxSlots; used = usedSlots.get()) {
            if (usedSlots.compareAndSet(used, used + slots)) {
                return true;
            }
        }
        return false;
    }

    /** Takes {@code slots} whether or not they fit: a new set's first, small table. */
    void take(int slots) {
        usedSlots.addAndGet(slots);
    }

    /** Gives back {@code slots} taken earlier. */
    void release(int slots) {
        usedSlots.addAndGet(-slots);
    }
}
