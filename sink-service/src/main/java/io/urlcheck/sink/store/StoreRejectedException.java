package io.urlcheck.sink.store;

/**
 * A store refused a write because of the data, and would refuse it again however often it is retried
 * (PostgreSQL: a value out of range or too long to index). The caller must set the record at fault
 * aside (the sink dead-letters it) rather than retry; see {@link ResultStore}.
 */
public class StoreRejectedException extends RuntimeException {

    public StoreRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
