package io.urlcheck.sink;

import java.util.regex.Pattern;

/**
 * The {@code statusCode} filter: one exact status ({@code 404}) or a class ({@code 4xx}), as an
 * inclusive range so that stores can turn it into {@code BETWEEN}.
 */
public record StatusFilter(int from, int to) {

    private static final Pattern EXACT = Pattern.compile("[1-5][0-9][0-9]");
    private static final Pattern CLASS = Pattern.compile("[1-5][xX][xX]");

    /** Parses {@code 404} or {@code 4xx}; anything else is a {@link BadQueryException}. */
    public static StatusFilter parse(String value) {
        String v = value.trim();
        if (EXACT.matcher(v).matches()) {
            int code = Integer.parseInt(v);
            return new StatusFilter(code, code);
        }
        if (CLASS.matcher(v).matches()) {
            int base = (v.charAt(0) - '0') * 100;
            return new StatusFilter(base, base + 99);
        }
        throw new BadQueryException("statusCode must be a status such as 404 or a class such as 4xx; got '" + value + "'");
    }

    public boolean matches(Integer statusCode) {
        return statusCode != null && statusCode >= from && statusCode <= to;
    }
}
