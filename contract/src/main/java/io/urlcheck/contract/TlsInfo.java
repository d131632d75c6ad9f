package io.urlcheck.contract;

import java.time.Instant;

/** What an https check saw of the server's certificate and the negotiated protocol. */
public record TlsInfo(String protocol, Instant notAfter, String issuer, String subject) {
}
