package io.urlcheck.sink.store.postgres;

import java.time.OffsetDateTime;

/**
 * One result as PostgreSQL keeps it: the columns the API filters and sorts by, plus the whole wire
 * message as JSON in {@code document}. Only {@link ResultRowMapper} turns results into rows and back.
 */
record ResultRow(String checkId, String url, String jobId, String host, String outcome, Integer statusCode,
                 Long responseTimeMs, String title, OffsetDateTime checkedAt, String document, String sourceFile,
                 Integer sourceLine) {
}
