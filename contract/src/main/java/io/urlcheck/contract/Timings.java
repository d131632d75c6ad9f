package io.urlcheck.contract;

/**
 * Where the time of a check went, phase by phase, as blackbox_exporter and {@code httpx -trace} report it. Each
 * phase is summed over every hop of the final attempt's redirect chain, in milliseconds; a phase that did not
 * happen is 0 (a reused connection has no connect and no TLS handshake), and one that cannot apply is null
 * (no DNS lookup for an IP literal, no TLS for http).
 *
 * @param dnsMs       resolving the host names
 * @param connectMs   opening TCP connections
 * @param tlsMs       TLS handshakes
 * @param firstByteMs from the request sent to the response headers: the server's think time plus a round trip
 * @param transferMs  from the response headers to the end of the body read
 */
public record Timings(Long dnsMs, Long connectMs, Long tlsMs, Long firstByteMs, Long transferMs) {
}
