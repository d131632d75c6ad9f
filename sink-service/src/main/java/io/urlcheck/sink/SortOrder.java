package io.urlcheck.sink;

import java.util.Arrays;

/**
 * How {@code GET /api/results} orders rows. Every order is a keyset on (a long key, url), so cursor
 * pagination stays stable while results keep arriving. A missing response time sorts as -1: first
 * ascending, last descending.
 */
public enum SortOrder {
    RESPONSE_TIME_ASC("responseTime", false),
    RESPONSE_TIME_DESC("-responseTime", true),
    CHECKED_AT_ASC("checkedAt", false),
    CHECKED_AT_DESC("-checkedAt", true);

    /** The order used when a query names none: newest first. */
    public static final SortOrder DEFAULT = CHECKED_AT_DESC;

    private final String param;
    private final boolean descending;

    SortOrder(String param, boolean descending) {
        this.param = param;
        this.descending = descending;
    }

    /** The spelling in the {@code sort} query parameter. */
    public String param() {
        return param;
    }

    public boolean descending() {
        return descending;
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
