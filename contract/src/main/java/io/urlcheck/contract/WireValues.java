package io.urlcheck.contract;

import java.time.Instant;

/**
 * The data rules every wire message obeys, applied by the records' canonical constructors so that the
 * producer, the worker and the sink all see the same values, however a message was made or decoded:
 * <ul>
 *   <li>No text holds U+0000 or an unpaired surrogate: each becomes U+FFFD. PostgreSQL refuses U+0000
 *       in text (SQLSTATE 22021), and an unpaired surrogate has no UTF-8 form, so neither could be
 *       stored or written as valid UTF-8. A hostile page's {@code <title>a&#0;b</title>} and a pasted
 *       URL with a NUL byte both end up here.</li>
 *   <li>Every instant lies in the years 0001 to 9999: no clock or certificate says otherwise (X.509
 *       dates have four-digit years), PostgreSQL has no year 0000, and beyond 9999 the text form
 *       changes and the sink's microsecond cursors run out of range.</li>
 * </ul>
 */
public final class WireValues {

    /** What replaces a character no store or UTF-8 encoder can carry. */
    public static final char REPLACEMENT = '\uFFFD';

    /** The first instant a message may carry: 0001-01-01T00:00:00Z. */
    public static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** The last instant a message may carry: 9999-12-31T23:59:59.999999999Z. */
    public static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private WireValues() {
    }

    /** {@code text} with every U+0000 and unpaired surrogate replaced by U+FFFD; the same instance when it has none. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnfit(text);
        if (first < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            char c = chars[i];
            if (c == '\0') {
                chars[i] = REPLACEMENT;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    chars[i] = REPLACEMENT;
                }
            } else if (Character.isLowSurrogate(c)) {
                chars[i] = REPLACEMENT;
            }
        }
        return new String(chars);
    }

    /** {@code value} unchanged; an {@link IllegalArgumentException} naming {@code field} when it lies outside the years 0001 to 9999. */
    public static Instant instant(Instant value, String field) {
        if (value != null && (value.isBefore(FIRST_INSTANT) || value.isAfter(LAST_INSTANT))) {
            throw new IllegalArgumentException(field + " " + value + " is outside the years 0001 to 9999");
        }
        return value;
    }

    /** Index of the first U+0000 or unpaired surrogate, or -1. */
    private static int firstUnfit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
