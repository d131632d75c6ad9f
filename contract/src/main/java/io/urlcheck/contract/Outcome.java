package io.urlcheck.contract;

/**
 * What became of one check. These names are a public contract: user scripts filter on them, so
 * constants may be added but never renamed.
 */
public enum Outcome {
    /**
     * The final response's status was accepted: below 400 (but not a redirect that could not be followed), or within
     * the job's {@code accept} spec ({@link AcceptSpec}).
     */
    OK,
    /**
     * The final response's status was not accepted: 400 or above, a redirect without a usable {@code Location}, or
     * outside the job's {@code accept} spec.
     */
    HTTP_ERROR,
    /** A connect, header or whole-request deadline passed. */
    TIMEOUT,
    /** The host name did not resolve. */
    DNS_FAILURE,
    /** Nothing listened at the address. */
    CONNECTION_REFUSED,
    /** The connection broke or spoke something other than HTTP: reset, protocol garbage, oversized headers. */
    CONNECTION_ERROR,
    /** The TLS handshake failed: an invalid, expired or untrusted certificate, or a server that does not speak TLS. */
    TLS_ERROR,
    /** The redirect chain was longer than allowed, loops included. */
    TOO_MANY_REDIRECTS,
    /** The address policy refused the target (private, loopback, metadata ranges, ...). */
    BLOCKED,
    /** The input was not a URL that can be checked; {@code error} says why. */
    INVALID_URL,
    /**
     * The URL was deliberately not checked, and never requested; {@code error} says why (for example
     * "excluded by --exclude 'regex'"). Not a failure: it is accounted for so that the job completes.
     */
    SKIPPED;

    /** True when the check reached a verdict about the target itself rather than failing on the way. */
    public boolean isSuccess() {
        return this == OK;
    }

    /**
     * True when the outcome says something is wrong with the URL or its target: everything but {@link #OK} and
     * {@link #SKIPPED}. Summaries count failing hosts by it; the PostgreSQL store's aggregate follows the same
     * rule ({@code V7__skipped_is_not_a_failure.sql}).
     */
    public boolean isFailure() {
        return this != OK && this != SKIPPED;
    }
}
