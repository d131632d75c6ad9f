package io.urlcheck.sink;

import java.util.Arrays;

/**
 * How {@code GET /api/results} orders rows. Every order is a keyset on (a long key, url), so cursor
 * pagination stays stable while results keep arriving. A missing response time sorts as -1: first
 * ascending, last descending. A descending order is spelled with a leading {@code -}, the way the
 * {@code sort} parameter writes it, so the spelling alone says the direction.
 */
public enum SortOrder {
    RESPONSE_TIME_ASC("responseTime"),
    RESPONSE_TIME_DESC("-responseTime"),
    CHECKED_AT_ASC("checkedAt"),
    CHECKED_AT_DESC("-checkedAt");

    /** The order used when a query names none: newest first. */
    public static final SortOrder DEFAULT = CHECKED_AT_DESC;

    private final String param;

    SortOrder(String param) {
        this.param = param;
    }

    /** The spelling in the {@code sort} query parameter. */
    public String param() {
        return param;
    }

    /** True for the orders spelled with a leading {@code -}. */
    public boolean descending() {
        return param.startsWith("-");
    }

    public boolean byResponseTime() {
        return this == RESPONSE_TIME_ASC || this == RESPONSE_TIME_DESC;
    }

    /** The order a {@code sort} parameter names; a {@link BadQueryException} lists the valid ones. */
    public static SortOrder parse(String param) {
        return Arrays.stream(values())
                .filter(s -> s.param.equals(param))
                .findFirst()
                .orElseThrow(() -> new BadQueryException("sort must be one of responseTime, -responseTime, checkedAt, -checkedAt; got '" + param + "'"));
    }
}
