package io.urlcheck.producer;

/** A submission could not be taken: the reason says why, the kind says whose fault it is. */
public final class SubmissionException extends RuntimeException {

    /** Why a submission failed, mapped to an HTTP status at the edge. */
    public enum Kind {
        /** The body could not be read as the declared format (400). */
        UNREADABLE,
        /** The body is over the size limit (413). */
        TOO_LARGE,
        /** The job id is malformed (400). */
        BAD_JOB_ID,
        /** The job's options are malformed: a bad regex, accept spec, header, number (400). */
        BAD_OPTIONS,
        /** The same job is being submitted right now (409). */
        JOB_BUSY,
        /** Kafka did not acknowledge the records (503). */
        NOT_PUBLISHED
    }

    private final Kind kind;

    public SubmissionException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public SubmissionException(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
