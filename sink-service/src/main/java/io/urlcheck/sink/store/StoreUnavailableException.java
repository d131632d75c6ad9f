package io.urlcheck.sink.store;

/** A store could not make a write durable now (disk or database fault); retry later (see {@link ResultStore}). */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
