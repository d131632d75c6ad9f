package io.urlcheck.sink.store;

/** A store could not make a write durable now (disk or database fault); nothing was made visible, retry later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
