package io.urlcheck.worker;

import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.contract.UrlVerdict;

/**
 * An http or https URL split into what one request needs: scheme, host, port and request target.
 * The URL follows the contract's {@link UrlNormalizer}, the same rule the producer applies to a
 * request's {@code url}, so a redirect target and a result's {@code finalUrl} read like any input.
 * The host is lower case, ASCII (UTS #46) and without IPv6 brackets.
 */
public record TargetUrl(String url, boolean https, String host, int port, String requestTarget) {

    /** No length limit here: the producer enforced its configured one, and a Location header is bounded by the client. */
    private static final UrlNormalizer NORMALIZER = new UrlNormalizer(Integer.MAX_VALUE);

    /** Parses an absolute http(s) URL; throws {@link IllegalArgumentException} with a reason otherwise. */
    public static TargetUrl parse(String url) {
        return of(NORMALIZER.normalize(url.strip()), "not a URL: ");
    }

    /** Resolves a Location header (absolute or relative) against this URL, per RFC 3986 section 5.2. */
    public TargetUrl resolve(String location) {
        return of(NORMALIZER.resolve(url, location), "unusable Location: ");
    }

    /** The URL's user information ({@code user:password}, percent-encoded as in the URL), or null when it has none. */
    public String userInfo() {
        int authorityStart = url.indexOf("//") + 2;
        int at = url.lastIndexOf('@', url.indexOf('/', authorityStart));
        return at >= authorityStart ? url.substring(authorityStart, at) : null;
    }

    /** The Host header value: the host, bracketed if IPv6, with the port unless it is the scheme's default. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == defaultPort(https) ? h : h + ":" + port;
    }

    private static TargetUrl of(UrlVerdict verdict, String context) {
        if (verdict instanceof UrlVerdict.Invalid invalid) {
            throw new IllegalArgumentException(context + invalid.reason());
        }
        String url = ((UrlVerdict.Valid) verdict).url();
        boolean https = url.startsWith("https:");
        int authorityStart = url.indexOf("//") + 2;
        int pathStart = url.indexOf('/', authorityStart);
        String authority = url.substring(authorityStart, pathStart);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        int port = defaultPort(https);
        String host = hostPort;
        if (colon > close) {
            port = Integer.parseInt(hostPort.substring(colon + 1));
            host = hostPort.substring(0, colon);
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new TargetUrl(url, https, host, port, url.substring(pathStart));
    }

    private static int defaultPort(boolean https) {
        return https ? 443 : 80;
    }
}
