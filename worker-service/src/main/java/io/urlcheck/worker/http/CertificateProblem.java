package io.urlcheck.worker.http;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What is wrong with a certificate chain that an {@code insecure} job accepted without checking: the
 * judgement the default client would have made, redone by hand on the presented chain (leaf dates,
 * then the path to a trusted authority, then the host name), so the result can say why the
 * certificate would have failed.
 */
final class CertificateProblem {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final X509TrustManager trust;

    CertificateProblem(TrustManagerFactory factory) {
        this.trust = x509(factory.getTrustManagers());
    }

    /** The JDK's default trust (its CA certificates), as the default client uses. */
    static TrustManagerFactory defaultTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust managers are not available", e);
        }
    }

    /** Why {@code chain} (leaf first) would not be trusted for {@code host}, or null when it would. */
    String of(X509Certificate[] chain, String host) {
        if (chain.length == 0) {
            return "the server presented no certificate";
        }
        X509Certificate leaf = chain[0];
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            return "certificate expired on " + leaf.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return "certificate not valid before " + leaf.getNotBefore().toInstant();
        }
        try {
            trust.checkServerTrusted(chain, "UNKNOWN");
        } catch (CertificateException e) {
            return "certificate not issued by a trusted authority (self-signed or unknown issuer): " + rootCause(e);
        }
        if (!matchesHost(leaf, host)) {
            return "certificate does not name " + host;
        }
        return null;
    }

    private static boolean matchesHost(X509Certificate leaf, String host) {
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        String wanted = host.toLowerCase(Locale.ROOT);
        boolean literal = wanted.contains(":") || IPV4.matcher(wanted).matches();
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
            if (literal && type == 7 && sameAddress(value, wanted)) {
                return true;
            }
            if (!literal && type == 2 && dnsMatches(value, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6125: an exact match, or a wildcard standing for exactly the leftmost label. */
    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(strip(a)).equals(InetAddress.getByName(strip(b)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String strip(String literal) {
        return literal.startsWith("[") ? literal.substring(1, literal.length() - 1) : literal;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager among " + managers.length);
    }
}
