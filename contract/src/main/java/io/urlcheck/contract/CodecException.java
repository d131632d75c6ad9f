package io.urlcheck.contract;

/** A message could not be encoded or decoded; the message is a reason fit for a dead-letter header. */
public class CodecException extends RuntimeException {

    public CodecException(String reason) {
        super(reason);
    }

    public CodecException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
