package io.urlcheck.worker;

/** Runs a task later without blocking a thread meanwhile; the edge backs it with a Vert.x timer. */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code task} once, about {@code delayNanos} from now (at once when not positive). */
    void schedule(long delayNanos, Runnable task);
}
