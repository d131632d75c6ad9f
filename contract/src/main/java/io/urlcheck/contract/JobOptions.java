package io.urlcheck.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * How one job wants its URLs checked: the {@code options} of {@code POST /api/jobs}, of a JSON intake
 * record and of every {@link CheckRequest} of the job, so that jobs with different options share the same
 * workers. Every field is optional; null (or empty) means the default, which is the service's setting
 * where one exists. The canonical constructor validates everything, so a value that exists is one a
 * worker can apply; an {@link IllegalArgumentException} names the field and what is wrong.
 *
 * <p>Header values are secrets (tokens, cookies): {@link #toString()} never shows them, and no result
 * echoes them.
 *
 * @param accept         the statuses that count as OK, an {@link AcceptSpec} such as {@code "200..299,403"}; null = below 400
 * @param include        regular expressions: when not empty, only a URL one of them finds is checked (producer)
 * @param exclude        regular expressions: a URL one of them finds is skipped (producer); wins over include
 * @param headers        extra request headers, name to value
 * @param userAgent      the User-Agent header; null = the worker's default, which names urlcheck and its version
 * @param method         {@code "GET"} or {@code "HEAD"} (any case, stored upper case); null = GET
 * @param insecure       true to accept invalid certificates for this job only; null = false
 * @param maxRedirects   redirects followed at most; null = the worker's setting
 * @param hostIntervalMs least milliseconds between two requests to one host; null or 0 = none
 * @param timeoutMs      the whole-request deadline in milliseconds; null = the worker's setting
 * @param retries        retries after a transient failure; null = the worker's setting
 */
public record JobOptions(
        String accept,
        List<String> include,
        List<String> exclude,
        Map<String, String> headers,
        String userAgent,
        String method,
        Boolean insecure,
        Integer maxRedirects,
        Long hostIntervalMs,
        Long timeoutMs,
        Integer retries) {

    /** No option set: every default applies. */
    public static final JobOptions DEFAULTS = new JobOptions(null, null, null, null, null, null, null, null, null, null, null);

    /** The most include (or exclude) patterns a job may have. */
    public static final int MAX_PATTERNS = 100;
    /** The longest pattern, header value or User-Agent, in characters. */
    public static final int MAX_TEXT_LENGTH = 4096;
    /** The most extra headers a job may send. */
    public static final int MAX_HEADERS = 50;
    /** The most redirects a job may ask to follow. */
    public static final int MAX_REDIRECTS = 50;
    /** The longest host interval a job may ask for: one minute. */
    public static final long MAX_HOST_INTERVAL_MS = 60_000;
    /** The longest per-request deadline a job may ask for: ten minutes. */
    public static final long MAX_TIMEOUT_MS = 600_000;
    /** The most retries a job may ask for. */
    public static final int MAX_RETRIES = 10;

    /** Headers a job may not set, because they frame the request or belong to the connection. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "keep-alive",
            "proxy-connection", "expect");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** Validates every option and makes the collections immutable; null collections become empty. */
    public JobOptions {
        AcceptSpec.parse(accept);
        include = patterns("include", include);
        exclude = patterns("exclude", exclude);
        headers = headers(headers);
        userAgent = userAgent == null ? null : fieldText("userAgent", userAgent);
        method = method(method);
        range("maxRedirects", maxRedirects, 0, MAX_REDIRECTS);
        range("hostIntervalMs", hostIntervalMs, 0, MAX_HOST_INTERVAL_MS);
        range("timeoutMs", timeoutMs, 1, MAX_TIMEOUT_MS);
        range("retries", retries, 0, MAX_RETRIES);
    }

    /**
     * The options in a JSON object (as in {@code POST /api/jobs} or an intake record); null or JSON null gives
     * {@link #DEFAULTS}. An {@link IllegalArgumentException} says what is wrong, naming the field, never a header value.
     */
    public static JobOptions fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULTS;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("options must be a JSON object");
        }
        try {
            JobOptions options = JsonCodec.mapper().treeToValue(node, JobOptions.class);
            return options == null ? DEFAULTS : options;
        } catch (JsonProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException refusal) {
                    throw new IllegalArgumentException("options: " + refusal.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("options: " + fieldOf(e) + " has the wrong type", e);
        }
    }

    private static String fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return "a field";
    }

    /** Which statuses count as OK for this job. */
    public AcceptSpec acceptSpec() {
        return AcceptSpec.parse(accept);
    }

    /** Every option as given, except header values, which are secrets and shown as {@code ***}. */
    @Override
    public String toString() {
        Map<String, String> redacted = new LinkedHashMap<>();
        headers.keySet().forEach(name -> redacted.put(name, "***"));
        return "JobOptions[accept=" + accept + ", include=" + include + ", exclude=" + exclude + ", headers=" + redacted
                + ", userAgent=" + userAgent + ", method=" + method + ", insecure=" + insecure + ", maxRedirects="
                + maxRedirects + ", hostIntervalMs=" + hostIntervalMs + ", timeoutMs=" + timeoutMs + ", retries=" + retries + "]";
    }

    private static List<String> patterns(String field, List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException(field + " has " + given.size() + " patterns, more than " + MAX_PATTERNS);
        }
        List<String> patterns = new ArrayList<>(given.size());
        for (String regex : given) {
            if (regex == null || regex.isEmpty()) {
                throw new IllegalArgumentException(field + " pattern is empty");
            }
            String text = fieldText(field, regex);
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(field + " pattern '" + text + "' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex(), e);
            }
            patterns.add(text);
        }
        return List.copyOf(patterns);
    }

    private static Map<String, String> headers(Map<String, String> given) {
        if (given == null || given.isEmpty()) {
            return Map.of();
        }
        if (given.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("headers has " + given.size() + " entries, more than " + MAX_HEADERS);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, String> header : given.entrySet()) {
            String name = header.getKey();
            if (name == null || !TOKEN.matcher(name).matches() || name.length() > 256) {
                throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP header name");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lower)) {
                throw new IllegalArgumentException("header " + name + " may not be set by a job: it belongs to the connection");
            }
            if (!seen.add(lower)) {
                throw new IllegalArgumentException("header " + name + " is given twice");
            }
            String value = header.getValue();
            // The value is a secret: the message names the header, never its value.
            if (value == null || value.length() > MAX_TEXT_LENGTH || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IllegalArgumentException("header " + name + " has no value, a control character or more than "
                        + MAX_TEXT_LENGTH + " characters");
            }
            headers.put(name, value.strip());
        }
        return Collections.unmodifiableMap(headers);
    }

    private static String method(String method) {
        if (method == null) {
            return null;
        }
        String upper = method.strip().toUpperCase(Locale.ROOT);
        if (!upper.equals("GET") && !upper.equals("HEAD")) {
            throw new IllegalArgumentException("method must be GET or HEAD; got '" + fieldText("method", method) + "'");
        }
        return upper;
    }

    private static String fieldText(String field, String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(field + " longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException(field + " holds a line break or NUL");
        }
        return WireValues.text(text);
    }

    private static void range(String field, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + "; got " + value);
        }
    }
}
