package io.urlcheck.apiguard;

import java.util.List;

/**
 * The allow-list of paths anyone may GET without the token: health, metrics, the OpenAPI document, the
 * dashboard's files. Everything else is guarded. A pattern is an exact path ({@code /q/metrics}) or a
 * subtree ({@code /q/health/*}: any path strictly below {@code /q/health/}).
 *
 * <p>Matching works on the path exactly as the client sent it, and only a plain path can match: segments
 * of letters, digits and {@code - . _ ~}, no empty, {@code .} or {@code ..} segment, no {@code ;}
 * parameter, no percent-encoding. Routers normalize, strip path parameters and decode before they match;
 * a plain path is the same before and after all of that, so it cannot reach a route the allow-list did not
 * mean. Any other spelling of a public path is simply guarded (fail closed).
 */
public final class PublicPaths {

    private static final String SUBTREE = "/*";

    private final List<String> exact;
    private final List<String> subtrees;

    private PublicPaths(List<String> exact, List<String> subtrees) {
        this.exact = exact;
        this.subtrees = subtrees;
    }

    /** The allow-list from its patterns; a pattern that is not a plain path (or one with {@code /*}) is refused. */
    public static PublicPaths of(List<String> patterns) {
        for (String pattern : patterns) {
            String path = pattern.endsWith(SUBTREE) ? pattern.substring(0, pattern.length() - SUBTREE.length()) : pattern;
            if (!isPlain(path) || (pattern.endsWith(SUBTREE) && path.equals("/"))) {
                throw new IllegalArgumentException("public path pattern '" + pattern
                        + "' is not a plain path or a plain path followed by /*");
            }
        }
        return new PublicPaths(
                patterns.stream().filter(p -> !p.endsWith(SUBTREE)).toList(),
                patterns.stream().filter(p -> p.endsWith(SUBTREE)).map(p -> p.substring(0, p.length() - 1)).toList());
    }

    /** True when {@code method} on {@code rawPath} (as sent, before any decoding) is public. */
    public boolean admits(String method, String rawPath) {
        if (!("GET".equals(method) || "HEAD".equals(method)) || !isPlain(rawPath)) {
            return false;
        }
        return exact.contains(rawPath) || subtrees.stream().anyMatch(rawPath::startsWith);
    }

    /** {@code /}, or {@code /} followed by plain segments separated by single slashes, with no trailing slash. */
    static boolean isPlain(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        if (path.length() == 1) {
            return true;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                if (!isPlainChar(segment.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isPlainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    @Override
    public String toString() {
        return "PublicPaths" + exact + subtrees.stream().map(s -> s + "*").toList();
    }
}
