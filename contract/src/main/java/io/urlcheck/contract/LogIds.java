package io.urlcheck.contract;

import org.jboss.logging.MDC;

/**
 * The MDC keys every service logs a job's, a request's and a check's ids under, so that one query over
 * the three services' logs follows a URL: the names of {@link CheckRequest#jobId()},
 * {@link CheckRequest#requestId()} and {@link CheckResult#checkId()}. In JSON logs they appear under
 * {@code "mdc"}. A scope puts them for the lines logged inside it:
 * {@code try (LogIds.Scope ids = LogIds.of(result)) { LOG... }}. Work on a consumer thread or an event loop
 * handles many checks in turn, so a scope is opened around the lines about one of them, from the ids the
 * message itself carries, and closed after: no id outlives its lines or leaks to the next message's.
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

    /** The ids of a result: its job, its request (null for rejected input) and its check. */
    public static Scope of(CheckResult result) {
        return new Scope(result.jobId(), result.requestId(), result.checkId());
    }

    /** The ids of a request, before it has a check id. */
    public static Scope of(CheckRequest request) {
        return new Scope(request.jobId(), request.requestId(), null);
    }

    /** The id of a job, for lines about the job as a whole. */
    public static Scope ofJob(String jobId) {
        return new Scope(jobId, null, null);
    }

    /** The ids in the MDC until {@link #close()}, which removes all three keys. */
    public static final class Scope implements AutoCloseable {

        private Scope(String jobId, String requestId, String checkId) {
            put(JOB_ID, jobId);
            put(REQUEST_ID, requestId);
            put(CHECK_ID, checkId);
        }

        private static void put(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }

        @Override
        public void close() {
            MDC.remove(JOB_ID);
            MDC.remove(REQUEST_ID);
            MDC.remove(CHECK_ID);
        }
    }
}
