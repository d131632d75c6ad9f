package io.urlcheck.contract;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a URL is on the wire, the one rule for a request's {@code url} (the producer) and a result's
 * {@code finalUrl} and redirect targets (the worker). Validates and normalizes one URL: http and https
 * only; scheme and host lower-cased; international hosts to punycode per UTS #46 ({@link HostNames});
 * default ports, fragments and dot segments removed; characters a request line cannot carry
 * percent-encoded (in the path, and in the query the space, {@code " < >} and non-ASCII, as browsers do);
 * the query otherwise kept exactly as given. Pure and thread-safe.
 */
public final class UrlNormalizer {

    /** The default for {@code urlcheck.producer.max-url-length}. */
    public static final int DEFAULT_MAX_URL_LENGTH = 8192;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** RFC 3986 appendix B: scheme, authority, path, query and fragment of any URI reference. */
    private static final Pattern REFERENCE = Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#.*)?$", Pattern.DOTALL);

    private final int maxUrlLength;

    public UrlNormalizer(int maxUrlLength) {
        this.maxUrlLength = maxUrlLength;
    }

    public UrlNormalizer() {
        this(DEFAULT_MAX_URL_LENGTH);
    }

    /** Normalizes {@code trimmed}, an input already stripped of surrounding whitespace. */
    public UrlVerdict normalize(String trimmed) {
        if (trimmed.length() > maxUrlLength) {
            return tooLong(trimmed.length());
        }
        int colon = schemeEnd(trimmed);
        if (colon < 0) {
            return new UrlVerdict.Invalid(Rejection.NO_SCHEME, "no scheme: expected a URL starting with http:// or https://");
        }
        String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new UrlVerdict.Invalid(Rejection.UNSUPPORTED_SCHEME, "unsupported scheme '" + clip(scheme) + "': only http and https are checked");
        }
        int control = firstControl(trimmed);
        if (control >= 0) {
            return new UrlVerdict.Invalid(Rejection.CONTROL_CHARACTER, String.format("contains control character U+%04X at index %d", (int) trimmed.charAt(control), control));
        }
        if (!trimmed.startsWith("//", colon + 1)) {
            return new UrlVerdict.Invalid(Rejection.MISSING_HOST, "missing host: expected '" + scheme + "://' followed by a host");
        }
        int authorityStart = colon + 3;
        int authorityEnd = indexOfAny(trimmed, "/?#", authorityStart);
        String authority = trimmed.substring(authorityStart, authorityEnd);
        int fragment = trimmed.indexOf('#', authorityEnd);
        String rest = fragment < 0 ? trimmed.substring(authorityEnd) : trimmed.substring(authorityEnd, fragment);
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        String queryPart = query < 0 ? "" : rest.substring(query);

        Authority parsed = Authority.parse(authority, scheme);
        if (parsed.error != null) {
            return new UrlVerdict.Invalid(Rejection.MALFORMED_AUTHORITY, parsed.error);
        }
        String url = scheme + "://" + parsed.render() + encodePath(removeDotSegments(path.isEmpty() ? "/" : path))
                + encodeQuery(queryPart);
        if (url.length() > maxUrlLength) {
            return tooLong(url.length());
        }
        return new UrlVerdict.Valid(url, parsed.host);
    }

    /**
     * Resolves {@code reference} (a Location header: absolute, network-path, absolute-path or relative,
     * surrounding whitespace ignored) against {@code base}, an already-normalized URL, per RFC 3986
     * section 5.2.2, then normalizes the target like any input.
     */
    public UrlVerdict resolve(String base, String reference) {
        String ref = reference.strip();
        Matcher r = REFERENCE.matcher(ref);
        Matcher b = REFERENCE.matcher(base);
        if (!r.matches() || !b.matches() || b.group(1) == null || b.group(2) == null) {
            return new UrlVerdict.Invalid(Rejection.UNUSABLE_LOCATION, "unusable Location '" + clip(ref) + "'");
        }
        if (r.group(1) != null) {
            return normalize(ref);
        }
        String target;
        if (r.group(2) != null) {
            target = b.group(1) + ":" + ref;
        } else {
            String path = r.group(3);
            String query = r.group(4);
            if (path.isEmpty()) {
                path = b.group(3);
                query = query != null ? query : b.group(4);
            } else if (!path.startsWith("/")) {
                String basePath = b.group(3).isEmpty() ? "/" : b.group(3);
                path = basePath.substring(0, basePath.lastIndexOf('/') + 1) + path;
            }
            target = b.group(1) + "://" + b.group(2) + path + (query == null ? "" : "?" + query);
        }
        return normalize(target);
    }

    private UrlVerdict tooLong(int length) {
        return new UrlVerdict.Invalid(Rejection.URL_TOO_LONG, "URL is " + length + " characters, over the " + maxUrlLength + "-character limit");
    }

    /** Index of the ':' ending a syntactically valid scheme, or -1 when there is none. */
    private static int schemeEnd(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return -1;
        }
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return -1;
            }
        }
        return colon;
    }

    private static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** RFC 3986 section 5.2.4, for an absolute path. */
    static String removeDotSegments(String path) {
        if (!path.contains("/.")) {
            return path; // no segment starts with a dot, so none is "." or ".."
        }
        String[] segments = path.split("/", -1);
        String[] out = new String[segments.length];
        int size = 0;
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    out[size++] = "";
                }
            } else if (segment.equals("..")) {
                if (size > 0) {
                    size--;
                }
                if (last) {
                    out[size++] = "";
                }
            } else {
                out[size++] = segment;
            }
        }
        StringBuilder result = new StringBuilder(path.length());
        for (int i = 0; i < size; i++) {
            result.append('/').append(out[i]);
        }
        return result.length() == 0 ? "/" : result.toString();
    }

    /** Percent-encodes what may not appear raw in a path (spaces, quotes, non-ASCII...); keeps existing escapes. */
    static String encodePath(String path) {
        return percentEncode(path, UrlNormalizer::allowedInPath);
    }

    /** Percent-encodes the query characters browsers encode (space, {@code " < >}, controls, non-ASCII); keeps the rest as given. */
    static String encodeQuery(String query) {
        return percentEncode(query, c -> !encodedInQuery(c));
    }

    /** {@code text} with every character {@code raw} refuses percent-encoded as UTF-8 bytes; non-ASCII is never raw. */
    private static String percentEncode(String text, CharPredicate raw) {
        int i = 0;
        while (i < text.length() && text.charAt(i) < 0x80 && raw.test(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && raw.test(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** A test of one character, without boxing. */
    private interface CharPredicate {
        boolean test(char c);
    }

    private static boolean encodedInQuery(char c) {
        return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>';
    }

    private static boolean allowedInPath(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0;
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The authority of a URL: user info, host and port, validated and normalized. */
    private static final class Authority {
        private String userInfo;
        private String host;
        private int port = -1;
        private String error;

        static Authority parse(String authority, String scheme) {
            Authority a = new Authority();
            int at = authority.lastIndexOf('@');
            String hostPort = authority;
            if (at >= 0) {
                a.userInfo = authority.substring(0, at);
                hostPort = authority.substring(at + 1);
            }
            String portText;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    return a.fail("malformed URL: unterminated IPv6 address literal '" + clip(hostPort) + "'");
                }
                String literal = hostPort.substring(1, close);
                if (literal.isEmpty() || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                        || literal.indexOf(':') < 0) {
                    return a.fail("malformed URL: invalid IPv6 address literal '[" + clip(literal) + "]'");
                }
                a.host = "[" + literal.toLowerCase(Locale.ROOT) + "]";
                String after = hostPort.substring(close + 1);
                if (!after.isEmpty() && !after.startsWith(":")) {
                    return a.fail("malformed URL: unexpected '" + clip(after) + "' after the IPv6 address");
                }
                portText = after.isEmpty() ? "" : after.substring(1);
            } else {
                int colon = hostPort.lastIndexOf(':');
                String rawHost = colon < 0 ? hostPort : hostPort.substring(0, colon);
                portText = colon < 0 ? "" : hostPort.substring(colon + 1);
                if (rawHost.isEmpty()) {
                    return a.fail("missing host");
                }
                String hostError = a.setRegName(rawHost);
                if (hostError != null) {
                    return a.fail(hostError);
                }
            }
            if (!portText.isEmpty()) {
                if (portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return a.fail("malformed URL: invalid port '" + clip(portText) + "'");
                }
                int port = Integer.parseInt(portText);
                if (port < 1 || port > 65535) {
                    return a.fail("malformed URL: port " + port + " out of range 1-65535");
                }
                boolean isDefault = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
                a.port = isDefault ? -1 : port;
            }
            return a;
        }

        private String setRegName(String raw) {
            String ascii;
            try {
                ascii = HostNames.toAscii(raw);
            } catch (IllegalArgumentException e) {
                return "invalid international host name '" + clip(raw) + "': " + e.getMessage();
            }
            for (int i = 0; i < ascii.length(); i++) {
                char c = ascii.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '%';
                if (!ok) {
                    return "malformed URL: invalid character '" + c + "' in host '" + clip(raw) + "'";
                }
            }
            if (ascii.isEmpty() || ascii.equals(".") || ascii.startsWith(".") || ascii.contains("..")) {
                return "malformed URL: invalid host '" + clip(raw) + "'";
            }
            host = ascii;
            return null;
        }

        private Authority fail(String reason) {
            error = reason;
            return this;
        }

        String render() {
            StringBuilder out = new StringBuilder();
            if (userInfo != null) {
                out.append(userInfo).append('@');
            }
            out.append(host);
            if (port > 0) {
                out.append(':').append(port);
            }
            return out.toString();
        }
    }
}
