package io.urlcheck.launcher.stack;

/** The local stack could not start or run; the message is meant for the user, as one line. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
