package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;

import java.time.Instant;
import java.util.Locale;

/**
 * A parsed {@code GET /api/results} query over the latest result per URL. Null filters match
 * everything; {@code limit} null means "all rows" (only the streaming formats allow that).
 *
 * @param q substring of the URL or title, case-insensitive
 */
public record ResultQuery(
        Outcome outcome,
        StatusFilter status,
        String host,
        String jobId,
        String q,
        Instant since,
        SortOrder sort,
        Integer limit,
        Cursor cursor) {

    /** The sort key of a result under this query's order (see {@link SortOrder}). */
    public static long sortKey(CheckResult r, SortOrder sort) {
        if (sort.byResponseTime()) {
            return r.responseTimeMs() == null ? -1 : r.responseTimeMs();
        }
        return epochMicros(r.checkedAt());
    }

    /** Microseconds since the epoch: the precision PostgreSQL keeps, so both stores page alike. */
    public static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** True when {@code r} passes every filter (the cursor is not a filter). */
    public boolean matches(CheckResult r) {
        if (outcome != null && r.outcome() != outcome) {
            return false;
        }
        if (status != null && !status.matches(r.statusCode())) {
            return false;
        }
        if (host != null && !host.equals(r.host())) {
            return false;
        }
        if (jobId != null && !jobId.equals(r.jobId())) {
            return false;
        }
        if (since != null && r.checkedAt().isBefore(since)) {
            return false;
        }
        if (q != null) {
            String needle = q.toLowerCase(Locale.ROOT);
            boolean inUrl = r.url().toLowerCase(Locale.ROOT).contains(needle);
            boolean inTitle = r.title() != null && r.title().toLowerCase(Locale.ROOT).contains(needle);
            return inUrl || inTitle;
        }
        return true;
    }
}
