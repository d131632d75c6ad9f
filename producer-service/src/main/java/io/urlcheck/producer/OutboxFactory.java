package io.urlcheck.producer;

/** Opens {@link TrackedOutbox}es onto the message broker; implemented by the messaging edge. */
public interface OutboxFactory {

    /** A fresh outbox whose sends are acknowledged as a group. */
    TrackedOutbox open();

    /** Sends whatever is waiting to be batched now, instead of after the linger time. */
    void flush();
}
