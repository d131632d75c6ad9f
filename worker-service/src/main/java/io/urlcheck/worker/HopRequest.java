package io.urlcheck.worker;

import java.util.Map;

/**
 * What one hop sends besides its URL: the method, every header the job adds for this hop (User-Agent
 * included, values secret: never logged or echoed), and whether an invalid certificate is accepted.
 */
public record HopRequest(String method, Map<String, String> headers, boolean insecure) {

    /** Copies the headers so a caller cannot change them under a running exchange. */
    public HopRequest {
        headers = Map.copyOf(headers);
    }

    /** True for a HEAD, whose response has no body (and so no title). */
    public boolean head() {
        return CheckOptions.HEAD.equals(method);
    }
}
