package io.urlcheck.worker.notify;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The (event id, webhook) pairs delivered lately, so that an event read again (a redelivery after a rebalance,
 * the sink re-emitting it) is not POSTed twice to the same webhook. Bounded both ways: at most {@code capacity}
 * pairs, each forgotten {@code window} after its delivery; past either bound a repeat is delivered again,
 * which the webhook can still spot by its {@code Idempotency-Key}.
 */
public final class RecentDeliveries {

    /** One delivery's identity. */
    public record Key(String eventId, String webhook) {
    }

    private final int capacity;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<Key, Long> deliveredAt; // guarded by this; insertion order = delivery order

    /** Remembers up to {@code capacity} deliveries for {@code window} each, by {@code nanoTime}. */
    public RecentDeliveries(int capacity, Duration window, LongSupplier nanoTime) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative; got " + capacity);
        }
        this.capacity = capacity;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.deliveredAt = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
                return size() > RecentDeliveries.this.capacity;
            }
        };
    }

    /** Whether {@code key} was delivered within the window and is still remembered. */
    public synchronized boolean contains(Key key) {
        expire();
        return deliveredAt.containsKey(key);
    }

    /** Remembers that {@code key} was delivered now. */
    public synchronized void add(Key key) {
        expire();
        deliveredAt.remove(key);
        deliveredAt.put(key, nanoTime.getAsLong());
    }

    /** How many deliveries are remembered. */
    public synchronized int size() {
        expire();
        return deliveredAt.size();
    }

    private void expire() {
        long now = nanoTime.getAsLong();
        Iterator<Map.Entry<Key, Long>> oldest = deliveredAt.entrySet().iterator();
        while (oldest.hasNext() && now - oldest.next().getValue() >= windowNanos) {
            oldest.remove();
        }
    }
}
