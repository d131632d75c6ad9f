package io.urlcheck.worker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An http or https URL split into what one request needs: scheme, host, port and request target.
 * The host is lower case and without IPv6 brackets.
 */
public record TargetUrl(String url, boolean https, String host, int port, String requestTarget) {

    /** Parses an absolute http(s) URL; throws {@link IllegalArgumentException} with a reason otherwise. */
    public static TargetUrl parse(String url) {
        try {
            return of(new URI(url));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
        }
    }

    /** Resolves a Location header (absolute or relative) against this URL. */
    public TargetUrl resolve(String location) {
        try {
            URI base = new URI(url);
            if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
                base = new URI(url + "/"); // java.net.URI would glue a relative path onto the host
            }
            return of(withoutLeadingDotSegments(base.resolve(new URI(location.trim().replace(" ", "%20"))).normalize()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("unusable Location '" + location + "': " + e.getMessage(), e);
        }
    }

    /** The Host header value: the host, bracketed if IPv6, with the port unless it is the scheme's default. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(https) ? h : h + ":" + port;
    }

    /** RFC 3986 drops ".." segments that climb above the root; java.net.URI (RFC 2396) keeps them. */
    private static URI withoutLeadingDotSegments(URI uri) throws URISyntaxException {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/..")) {
            return uri;
        }
        while (path.startsWith("/../") || path.equals("/..")) {
            path = path.length() == 3 ? "/" : path.substring(3);
        }
        String rest = (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path + rest);
    }

    private static TargetUrl of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https, not '" + scheme + "'");
        }
        boolean https = scheme.equals("https");
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null) {
            // Registry-based authority (e.g. an underscore in the name): take host and port by hand.
            String authority = uri.getRawAuthority();
            if (authority == null || authority.isEmpty()) {
                throw new IllegalArgumentException("URL has no host");
            }
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            if (colon > 0 && authority.indexOf(']') < colon) {
                port = Integer.parseInt(authority.substring(colon + 1));
                authority = authority.substring(0, colon);
            }
            host = authority;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("URL has no host");
        }
        if (port < 0) {
            port = defaultPort(https);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String normalized = uri.getFragment() == null ? uri.toString() : uri.toString().substring(0, uri.toString().indexOf('#'));
        return new TargetUrl(normalized, https, host.toLowerCase(Locale.ROOT), port, target);
    }

    private static int defaultPort(boolean https) {
        return https ? 443 : 80;
    }
}
