package io.urlcheck.sink.messaging;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.LogIds;
import org.jboss.logging.MDC;

/**
 * Puts the ids of the result or job a log line is about in the MDC ({@link LogIds}), for as long as the
 * scope is open: {@code try (ResultIds ids = ResultIds.of(result)) { LOG... }}. The consumer thread handles
 * many results in turn, so each line's scope is opened and closed around it, and no id outlives its line.
 */
final class ResultIds implements AutoCloseable {

    private ResultIds(String jobId, String requestId, String checkId) {
        put(LogIds.JOB_ID, jobId);
        put(LogIds.REQUEST_ID, requestId);
        put(LogIds.CHECK_ID, checkId);
    }

    /** The ids of one result: its job, its request (null for rejected input) and its check. */
    static ResultIds of(CheckResult result) {
        return new ResultIds(result.jobId(), result.requestId(), result.checkId());
    }

    /** The id of a job, for lines about its totals. */
    static ResultIds ofJob(String jobId) {
        return new ResultIds(jobId, null, null);
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
        MDC.remove(LogIds.JOB_ID);
        MDC.remove(LogIds.REQUEST_ID);
        MDC.remove(LogIds.CHECK_ID);
    }
}
