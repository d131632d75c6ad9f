package io.urlcheck.worker.support;

import io.urlcheck.worker.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock and a {@link Scheduler} that move only when a test says so: {@link #advance} runs every task that
 * falls due on the way, in time order, so backoffs and deadlines are tested without waiting for them.
 */
public final class FakeTime implements Scheduler {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private record Task(long due, long order, Runnable run) {
    }

    /** The fake {@link System#nanoTime()}. */
    public long nanoTime() {
        return nanos.get();
    }

    /** A wall clock that moves with {@link #nanoTime()}. */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return EPOCH.plusNanos(nanos.get());
            }
        };
    }

    @Override
    public synchronized void schedule(long delayNanos, Runnable task) {
        tasks.add(new Task(nanos.get() + Math.max(0, delayNanos), sequence++, task));
    }

    /** Moves time forward by {@code by}, running each task that falls due, at its due time. */
    public void advance(Duration by) {
        long until = nanos.get() + by.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due() <= until)
                        .min(Comparator.comparingLong(Task::due).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    break;
                }
                tasks.remove(next);
            }
            nanos.set(Math.max(nanos.get(), next.due()));
            next.run().run();
        }
        nanos.set(until);
    }

    /** Tasks scheduled and not yet run. */
    public synchronized int pendingTasks() {
        return tasks.size();
    }
}
