package io.urlcheck.contract;

import java.time.Instant;

/**
 * What an https check saw of the server's certificate and the negotiated protocol.
 *
 * @param problem why the certificate would not be trusted (expired, untrusted issuer, wrong name), when a
 *                job accepted it anyway with its {@code insecure} option; null when it is valid or was not judged
 */
public record TlsInfo(String protocol, Instant notAfter, String issuer, String subject, String problem) {

    /** Applies the {@link WireValues} rules to every text and the instant. */
    public TlsInfo {
        protocol = WireValues.text(protocol);
        WireValues.instant(notAfter, "notAfter");
        issuer = WireValues.text(issuer);
        subject = WireValues.text(subject);
        problem = WireValues.text(problem);
    }

    /** A certificate with no problem noted: the form written before {@code problem} existed. */
    public TlsInfo(String protocol, Instant notAfter, String issuer, String subject) {
        this(protocol, notAfter, issuer, subject, null);
    }
}
