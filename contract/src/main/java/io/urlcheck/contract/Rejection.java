package io.urlcheck.contract;

import java.util.Locale;

/**
 * Why an input was rejected, as a short fixed code: the {@code reason} label of the producer's
 * {@code urlcheck_producer_rejected_total}. The result's {@code error} keeps the full, human-readable reason.
 */
public enum Rejection {
    /** No {@code scheme:} at the start. */
    NO_SCHEME,
    /** A scheme other than http or https. */
    UNSUPPORTED_SCHEME,
    /** A control character inside the URL. */
    CONTROL_CHARACTER,
    /** No {@code //host} after the scheme. */
    MISSING_HOST,
    /** The host, port or user info cannot be parsed. */
    MALFORMED_AUTHORITY,
    /** The URL is longer than {@code urlcheck.producer.max-url-length}. */
    URL_TOO_LONG,
    /** The line is longer than {@code urlcheck.producer.max-line-bytes}. */
    LINE_TOO_LONG,
    /** The line is not valid UTF-8. */
    INVALID_UTF8,
    /** The input could not be read as text at all (an intake record of the wrong shape). */
    UNREADABLE,
    /**
     * Deliberately not checked: excluded by the job's rules, or a relative link without {@code --base}. Its result
     * is {@link Outcome#SKIPPED}, counted with the rejected inputs as the job's totals count it.
     */
    SKIPPED,
    /** A redirect's {@code Location} that is not a checkable URL (the worker's redirects, never an input). */
    UNUSABLE_LOCATION;

    /** The code as a metric label: lower case, e.g. {@code no_scheme}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
