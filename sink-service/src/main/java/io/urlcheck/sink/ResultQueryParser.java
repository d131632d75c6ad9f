package io.urlcheck.sink;

import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.WireValues;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns the raw query parameters of {@code GET /api/results} into a {@link ResultQuery}, or a 400 reason. */
public final class ResultQueryParser {

    /** The largest page a client may ask for. */
    public static final int MAX_LIMIT = 1000;
    /** The page size of JSON answers when the client names none. */
    public static final int DEFAULT_LIMIT = 100;

    private ResultQueryParser() {
    }

    /**
     * Parses the parameters; {@code paged} is true for the JSON format, which always pages, and false
     * for the streaming formats, which return every row unless a limit is given.
     */
    public static ResultQuery parse(String outcome, String statusCode, String host, String jobId, String q,
                                    String since, String sort, String limit, String cursor, boolean paged) {
        SortOrder order = blank(sort) ? SortOrder.DEFAULT : SortOrder.parse(sort.trim());
        return new ResultQuery(
                blank(outcome) ? null : outcome(outcome.trim()),
                blank(statusCode) ? null : StatusFilter.parse(statusCode),
                blank(host) ? null : text(host.trim().toLowerCase(Locale.ROOT)),
                blank(jobId) ? null : text(jobId.trim()),
                blank(q) ? null : text(q.trim()),
                blank(since) ? null : instant(since.trim()),
                order,
                limit(limit, paged),
                blank(cursor) ? null : Cursor.decode(cursor.trim(), order));
    }

    static Outcome outcome(String value) {
        try {
            return Outcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String valid = Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.joining(", "));
            throw new BadQueryException("outcome must be one of " + valid + "; got '" + value + "'");
        }
    }

    static Instant instant(String value) {
        Instant since;
        try {
            since = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQueryException("since must be an ISO-8601 instant such as 2025-01-31T12:00:00Z; got '" + value + "'");
        }
        if (since.isBefore(WireValues.FIRST_INSTANT) || since.isAfter(WireValues.LAST_INSTANT)) {
            throw new BadQueryException("since must lie in the years 0001 to 9999; got '" + value + "'");
        }
        return since;
    }

    /**
     * A text filter as stored values carry it: a NUL or unpaired surrogate becomes U+FFFD, as in every
     * result ({@link WireValues}), so such a filter matches what was stored and never reaches a store
     * that would refuse it.
     */
    public static String text(String value) {
        return WireValues.text(value);
    }

    static Integer limit(String value, boolean paged) {
        if (blank(value)) {
            return paged ? DEFAULT_LIMIT : null;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadQueryException("limit must be a whole number; got '" + value + "'");
        }
        if (n < 1 || (paged && n > MAX_LIMIT)) {
            throw new BadQueryException("limit must be between 1 and " + MAX_LIMIT + "; got " + n);
        }
        return n;
    }

    /** A page size as {@code GET /api/results} takes it (1..{@value #MAX_LIMIT}); null when not given. */
    public static Integer parseLimit(String value) {
        return limit(value, false) == null ? null : limit(value, true);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
