package io.urlcheck.worker;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.Outcome;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's accounting of unsettled work, which graceful shutdown waits on and the metrics only read:
 * requests taken from Kafka whose result (or dead letter) Kafka has not yet acknowledged or refused, and
 * the checks among them that are waiting out a retry backoff, holding no slot.
 */
public final class PendingWork implements CheckEngine.Listener {

    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger inBackoff = new AtomicInteger();

    /** A request was taken from Kafka. */
    public void taken() {
        pending.incrementAndGet();
    }

    /** A request taken from Kafka is settled: its result or dead letter was acknowledged or refused. */
    public void settled() {
        pending.decrementAndGet();
    }

    /** Requests taken from Kafka and not yet settled. */
    public int pending() {
        return pending.get();
    }

    /** Checks waiting out a retry backoff (holding no slot). */
    public int inBackoff() {
        return inBackoff.get();
    }

    @Override
    public void retrying(CheckRequest request, int attempt, Outcome outcome, Duration delay) {
        inBackoff.incrementAndGet();
    }

    @Override
    public void backoffOver(CheckRequest request) {
        inBackoff.decrementAndGet();
    }
}
