package io.urlcheck.producer;

import java.util.concurrent.CompletableFuture;

/** An {@link Outbox} whose sends are acknowledged as a group, so a submission can answer only once all are durable. */
public interface TrackedOutbox extends Outbox {

    /** The first send that failed so far, or null. */
    Exception failure();

    /** No more sends: completes when all sends were acknowledged, exceptionally with the first failure. */
    CompletableFuture<Void> seal();
}
