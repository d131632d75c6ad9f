package io.urlcheck.launcher.client;

/** A call to a urlcheck REST API failed; the message says which call and why, in one line. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status, or -1 when there was no response. */
    public int status() {
        return status;
    }
}
