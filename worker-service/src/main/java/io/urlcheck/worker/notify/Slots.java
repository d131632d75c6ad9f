package io.urlcheck.worker.notify;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A bound on events being delivered at once that holds no thread: {@link #acquire()} completes once a slot is
 * free, and {@link #release()} hands the slot to the longest waiter. The notifier takes the next event from
 * Kafka only when its acquire completes, so the bound is backpressure on the consumer.
 */
public final class Slots {

    private final int max;
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>(); // guarded by this
    private int used; // guarded by this

    /** {@code max} slots, at least one. */
    public Slots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one slot; got " + max);
        }
        this.max = max;
    }

    /** Completes when the caller holds a slot, at once if one is free. */
    public CompletableFuture<Void> acquire() {
        synchronized (this) {
            if (used < max) {
                used++;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> slot = new CompletableFuture<>();
            waiting.add(slot);
            return slot;
        }
    }

    /** Gives a held slot back, to the longest waiter if there is one. */
    public void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }

    /** Slots held now. */
    public synchronized int used() {
        return used;
    }
}
