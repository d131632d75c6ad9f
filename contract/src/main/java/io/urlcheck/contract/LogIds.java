package io.urlcheck.contract;

/**
 * The MDC keys every service logs a job's, a request's and a check's ids under, so that one query over
 * the three services' logs follows a URL: the names of {@link CheckRequest#jobId()},
 * {@link CheckRequest#requestId()} and {@link CheckResult#checkId()}. In JSON logs they appear under
 * {@code "mdc"}.
 */
public final class LogIds {

    /** The job a line is about. */
    public static final String JOB_ID = "jobId";
    /** The check request (one accepted URL of a job) a line is about. */
    public static final String REQUEST_ID = "requestId";
    /** The check (one result; a redelivery keeps it) a line is about. */
    public static final String CHECK_ID = "checkId";

    private LogIds() {
    }
}
