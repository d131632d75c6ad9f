package io.urlcheck.sink.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Whether the last write to the store succeeded; the readiness check reports it. */
@ApplicationScoped
public class StoreHealth {

    private volatile String failure;
    private volatile Instant failingSince;

    void failed(String reason) {
        if (failure == null) {
            failingSince = Instant.now();
        }
        failure = reason;
    }

    void recovered() {
        failure = null;
        failingSince = null;
    }

    /** The reason the store is failing, null while it works. */
    public String failure() {
        return failure;
    }

    public Instant failingSince() {
        return failingSince;
    }
}
