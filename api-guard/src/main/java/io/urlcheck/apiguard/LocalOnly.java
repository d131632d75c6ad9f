package io.urlcheck.apiguard;

import io.urlcheck.contract.ApiHeaders;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may use a guarded path when no API token is configured: a program on this machine, not a web page
 * the user happens to visit. So a request must come from a loopback peer, name a loopback {@code Host}
 * (a DNS-rebinding page names its own domain), carry no foreign {@code Origin} or cross-site
 * {@code Sec-Fetch-Site}, and, when it changes state, carry what a cross-site form or a preflight-free
 * script cannot send: a content type outside the CORS-safelisted ones, or the {@code X-Urlcheck-Client}
 * header.
 */
public final class LocalOnly {

    /** Content types a browser sends cross-site without a preflight (Fetch standard, CORS-safelisted). */
    private static final Set<String> SAFELISTED_TYPES =
            Set.of("text/plain", "multipart/form-data", "application/x-www-form-urlencoded");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** What the policy looks at; {@code peer} is the TCP peer, the header values are null when absent. */
    public record Request(InetAddress peer, String method, String host, String origin, String secFetchSite,
                          String contentType, String client) {
    }

    private LocalOnly() {
    }

    /** Why {@code request} is refused, or empty when it may proceed. */
    public static Optional<String> refusal(Request request) {
        if (request.peer() == null || !request.peer().isLoopbackAddress()) {
            return Optional.of("without urlcheck.api.token only clients on this machine are served");
        }
        if (!isLoopbackHost(request.host())) {
            return Optional.of("without urlcheck.api.token the Host header must be localhost, 127.0.0.1 or [::1]");
        }
        if (request.origin() != null && !request.origin().equalsIgnoreCase("http://" + request.host())) {
            return Optional.of("cross-origin request refused (Origin " + request.origin() + ")");
        }
        if (request.secFetchSite() != null && !Set.of("same-origin", "none").contains(request.secFetchSite())) {
            return Optional.of("cross-site request refused (Sec-Fetch-Site " + request.secFetchSite() + ")");
        }
        if (!SAFE_METHODS.contains(request.method()) && isBlank(request.client()) && isSafelisted(request.contentType())) {
            return Optional.of("a " + (request.contentType() == null ? "request without a content type" : request.contentType())
                    + " body needs the " + ApiHeaders.CLIENT
                    + " header (any value), which a cross-site form cannot send; or send application/json");
        }
        return Optional.empty();
    }

    /** {@code localhost}, an IPv4 loopback literal or {@code [::1]}, each with an optional port. */
    static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = AllowedHosts.nameOf(host);
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            return isLoopbackLiteral(name.substring(1, name.length() - 1), true);
        }
        return IPV4.matcher(name).matches() && isLoopbackLiteral(name, false);
    }

    private static boolean isLoopbackLiteral(String literal, boolean ipv6) {
        if (ipv6 && !literal.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True for no content type, or one whose essence a browser sends cross-site without asking first. */
    static boolean isSafelisted(String contentType) {
        if (isBlank(contentType)) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return SAFELISTED_TYPES.contains(essence);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
