package io.urlcheck.sink;

/** A query parameter the API cannot honour; the message is the reason a client sees in a 400. */
public class BadQueryException extends RuntimeException {

    public BadQueryException(String reason) {
        super(reason);
    }
}
