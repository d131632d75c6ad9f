package io.urlcheck.producer.messaging;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tracks the broker acknowledgements of one group of sends (a REST submission, an intake batch).
 * {@link #seal()} completes once every record sent through it is acknowledged, or exceptionally with
 * the first failure.
 */
final class AckBatch implements Callback {

    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean sealed;

    void sending() {
        pending.incrementAndGet();
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
        if (pending.decrementAndGet() == 0 && sealed) {
            finish();
        }
    }

    /** The first failed send, or null; lets a long submission stop early. */
    Exception failure() {
        return failure.get();
    }

    /** No more sends: completes when the ones made are all acknowledged. */
    CompletableFuture<Void> seal() {
        sealed = true;
        if (pending.get() == 0) {
            finish();
        }
        return done;
    }

    private void finish() {
        Exception e = failure.get();
        if (e == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(e);
        }
    }
}
