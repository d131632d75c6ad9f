package io.urlcheck.worker;

import java.util.Map;

/**
 * What one hop sends besides its URL: the method, every header the job adds for this hop (User-Agent
 * included, values secret: never logged or echoed), whether an invalid certificate is accepted, whether the
 * deadline alone bounds the waits for a connection and for headers ({@code deadlineOnly}: the job set its own
 * timeout) or the worker's connect and header timeouts do too, and whether another address of the host waits
 * behind this one ({@code anotherAddressWaits}).
 */
public record HopRequest(String method, Map<String, String> headers, boolean insecure, boolean deadlineOnly,
                         boolean anotherAddressWaits) {

    /** Copies the headers so a caller cannot change them under a running exchange. */
    public HopRequest {
        headers = Map.copyOf(headers);
    }

    /** This hop, sent to an address with another of the host's addresses behind it. */
    public HopRequest beforeAnotherAddress() {
        return new HopRequest(method, headers, insecure, deadlineOnly, true);
    }

    /** True for a HEAD, whose response has no body (and so no title). */
    public boolean head() {
        return CheckOptions.HEAD.equals(method);
    }

    /**
     * How long this hop waits for a connection (TCP connect and TLS handshake), given what is left of its deadline and
     * the worker's {@code connect-timeout}. A job's own deadline is the only clock of its last address, but an address
     * with another behind it never gets more than the connect timeout: otherwise one address that drops packets (a dead
     * server of several, an IPv6 route that goes nowhere) would take a long job deadline whole, and the host's good
     * addresses would never be tried. Browsers and curl bound each address's attempt the same way.
     */
    public long connectWaitMs(long remainingMs, long connectTimeoutMs) {
        return deadlineOnly && !anotherAddressWaits ? remainingMs : Math.min(connectTimeoutMs, remainingMs);
    }
}
