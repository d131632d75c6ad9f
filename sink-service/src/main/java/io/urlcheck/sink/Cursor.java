package io.urlcheck.sink;

import io.urlcheck.contract.WireValues;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the previous page of {@code GET /api/results} stopped: the sort it was made for, the last
 * row's sort key and its URL (the tie-breaker). Opaque to clients: base64url of {@code sort|key|url}.
 */
public record Cursor(SortOrder sort, long key, String url) {

    private static final long FIRST_MICROS = ResultQuery.epochMicros(WireValues.FIRST_INSTANT);
    private static final long LAST_MICROS = ResultQuery.epochMicros(WireValues.LAST_INSTANT);

    /** Encodes this cursor for a {@code nextCursor} field. */
    public String encode() {
        String raw = sort.param() + "|" + key + "|" + url;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor and checks it belongs to {@code expected}; a {@link BadQueryException} says what is wrong. */
    public static Cursor decode(String token, SortOrder expected) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("cursor is not one this API issued");
        }
        String[] parts = raw.split("\\|", 3);
        if (parts.length != 3) {
            throw new BadQueryException("cursor is not one this API issued");
        }
        if (!parts[0].equals(expected.param())) {
            throw new BadQueryException("cursor was issued for sort=" + parts[0] + ", not sort=" + expected.param());
        }
        long key;
        try {
            key = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new BadQueryException("cursor is not one this API issued");
        }
        // An issued cursor holds a stored URL and a stored instant: never a NUL, never a year outside 0001 to 9999.
        if ((!expected.byResponseTime() && (key < FIRST_MICROS || key > LAST_MICROS))
                || !WireValues.text(parts[2]).equals(parts[2])) {
            throw new BadQueryException("cursor is not one this API issued");
        }
        return new Cursor(expected, key, parts[2]);
    }

    /** True when a row with this (key, url) comes after the cursor in its sort. */
    public boolean follows(long rowKey, String rowUrl) {
        int byKey = Long.compare(rowKey, key);
        int cmp = byKey != 0 ? byKey : rowUrl.compareTo(url);
        return sort.descending() ? cmp < 0 : cmp > 0;
    }
}
