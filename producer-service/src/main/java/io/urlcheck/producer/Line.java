package io.urlcheck.producer;

/**
 * One line of a submission as {@link LineReader} read it.
 *
 * @param number  1-based line number
 * @param text    the decoded line without its terminator; for a {@link Problem#TOO_LONG} line only its first bytes
 * @param problem why the line cannot be a URL before it is even parsed, or null
 */
public record Line(long number, String text, Problem problem) {

    /** A defect found while reading, before any URL parsing. */
    public enum Problem {
        /** The line was longer than the reader's cap; the rest of it was discarded unread into memory. */
        TOO_LONG,
        /** The line's bytes are not valid UTF-8; {@link #text()} has the bad bytes replaced by U+FFFD. */
        INVALID_UTF8
    }
}
