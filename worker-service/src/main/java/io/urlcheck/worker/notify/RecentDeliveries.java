package io.urlcheck.worker.notify;

import io.urlcheck.contract.RecentEntries;

import java.time.Duration;
import java.util.Iterator;
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

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final RecentEntries<Key, Long> deliveredAt; // guarded by this; oldest delivery first

    /** Remembers up to {@code capacity} deliveries for {@code window} each, by {@code nanoTime}. */
    public RecentDeliveries(int capacity, Duration window, LongSupplier nanoTime) {
        this.deliveredAt = new RecentEntries<>(capacity);
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether {@code key} was delivered within the window and is still remembered. */
    public synchronized boolean contains(Key key) {
        expire();
        return deliveredAt.containsKey(key);
    }

    /** Remembers that {@code key} was delivered now. */
    public synchronized void add(Key key) {
        expire();
        deliveredAt.putNewest(key, nanoTime.getAsLong());
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
