package io.urlcheck.contract;

import java.time.Instant;

/** What an https check saw of the server's certificate and the negotiated protocol. */
public record TlsInfo(String protocol, Instant notAfter, String issuer, String subject) {

    /** Applies the {@link WireValues} rules to every text and the instant. */
    public TlsInfo {
        protocol = WireValues.text(protocol);
        WireValues.instant(notAfter, "notAfter");
        issuer = WireValues.text(issuer);
        subject = WireValues.text(subject);
    }
}
