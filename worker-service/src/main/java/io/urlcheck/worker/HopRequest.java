package io.urlcheck.worker;

import java.util.Map;

/**
 * What one hop sends besides its URL: the method, every header the job adds for this hop (User-Agent
 * included, values secret: never logged or echoed), whether an invalid certificate is accepted, and whether the
 * deadline alone bounds the waits for a connection and for headers ({@code deadlineOnly}: the job set its own
 * timeout) or the worker's connect and header timeouts do too.
 */
public record HopRequest(String method, Map<String, String> headers, boolean insecure, boolean deadlineOnly) {

    /** Copies the headers so a caller cannot change them under a running exchange. */
    public HopRequest {
        headers = Map.copyOf(headers);
    }

    /** True for a HEAD, whose response has no body (and so no title). */
    public boolean head() {
        return CheckOptions.HEAD.equals(method);
    }
}
