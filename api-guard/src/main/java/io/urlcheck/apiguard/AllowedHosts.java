package io.urlcheck.apiguard;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The names a guarded request may give in its {@code Host} header ({@code urlcheck.api.allowed-hosts}). A web page
 * that rebinds its own domain to this server's address names that domain, so where the token is not a secret (the
 * local and dev overlays publish theirs), such a page cannot use it. Compared without the port, ignoring case.
 */
record AllowedHosts(Set<String> names) {

    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

    static AllowedHosts of(List<String> names) {
        return new AllowedHosts(names.stream().map(String::strip).filter(n -> !n.isEmpty())
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether {@code host} (a Host header or HTTP/2 :authority; null when absent) names one of them. */
    boolean admits(String host) {
        return host != null && names.contains(nameOf(host).toLowerCase(Locale.ROOT));
    }

    /** {@code host} without its {@code :port}: {@code localhost}, {@code 127.0.0.1}, {@code [::1]}. */
    static String nameOf(String host) {
        int colon = host.lastIndexOf(':');
        return colon >= 0 && PORT.matcher(host.substring(colon)).matches() ? host.substring(0, colon) : host;
    }

    @Override
    public String toString() {
        return String.join(",", names.stream().sorted().toList());
    }
}
