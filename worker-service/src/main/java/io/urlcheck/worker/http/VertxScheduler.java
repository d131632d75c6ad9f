package io.urlcheck.worker.http;

import io.urlcheck.worker.Scheduler;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/** The domain's {@link Scheduler} on Vert.x timers: no thread waits while a delay runs. */
public final class VertxScheduler implements Scheduler {

    private final Vertx vertx;

    public VertxScheduler(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void schedule(long delayNanos, Runnable task) {
        long ms = TimeUnit.NANOSECONDS.toMillis(delayNanos + 999_999); // rounded up: never before the delay is over
        if (ms <= 0) {
            vertx.runOnContext(v -> task.run());
        } else {
            vertx.setTimer(ms, id -> task.run());
        }
    }
}
