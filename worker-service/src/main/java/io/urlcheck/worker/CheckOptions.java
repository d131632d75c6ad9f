package io.urlcheck.worker;

import io.urlcheck.contract.AcceptSpec;
import io.urlcheck.contract.JobOptions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One job's {@link JobOptions} resolved against this worker's settings: what the engine applies to each
 * check of the job. An option the job left null takes the worker's value. The rules of what a hop sends
 * live here: the headers (custom ones only to the origin the job named) and the HEAD-to-GET fallback.
 *
 * @param accept            which final statuses count as OK
 * @param headers           the job's extra headers, without User-Agent (which {@code userAgent} carries)
 *                          and without Accept-Encoding (decompression is the worker's, bounded by max-body-bytes)
 * @param userAgent         the User-Agent sent on every hop
 * @param method            {@code GET} or {@code HEAD}, the first method tried on each hop
 * @param insecure          accept invalid certificates (the result still names the problem)
 * @param maxRedirects      redirects followed at most
 * @param timeout           one attempt's deadline
 * @param ownTimeout        the job set {@code timeout} itself: then that deadline alone bounds each hop's wait for a
 *                          connection and for headers, not the worker's {@code connect-timeout} and {@code header-timeout}
 * @param retries           retries after a transient failure
 * @param hostIntervalNanos least time between two requests to one host, 0 for none
 */
public record CheckOptions(AcceptSpec accept, Map<String, String> headers, String userAgent, String method, boolean insecure,
                           int maxRedirects, Duration timeout, boolean ownTimeout, int retries, long hostIntervalNanos) {

    private static final String AUTHORIZATION = "Authorization";

    /** The method that gets no body. */
    public static final String HEAD = "HEAD";
    /** The method that gets the page. */
    public static final String GET = "GET";

    private static final String USER_AGENT = "user-agent";
    private static final String ACCEPT_ENCODING = "accept-encoding";

    /** {@code job}'s options, each null one replaced by the worker's {@code maxRedirects}, {@code timeout} or {@code retries}. */
    public static CheckOptions resolve(JobOptions job, int maxRedirects, Duration timeout, int retries) {
        Map<String, String> headers = new LinkedHashMap<>();
        String userAgentHeader = null;
        for (Map.Entry<String, String> h : job.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(USER_AGENT)) {
                userAgentHeader = h.getValue();
            } else if (!name.equals(ACCEPT_ENCODING)) {
                headers.put(h.getKey(), h.getValue());
            }
        }
        String userAgent = job.userAgent() != null ? job.userAgent()
                : userAgentHeader != null ? userAgentHeader : UserAgent.DEFAULT;
        return new CheckOptions(job.acceptSpec(), Map.copyOf(headers), userAgent,
                job.method() == null ? GET : job.method(),
                Boolean.TRUE.equals(job.insecure()),
                job.maxRedirects() != null ? job.maxRedirects() : maxRedirects,
                job.timeoutMs() != null ? Duration.ofMillis(job.timeoutMs()) : timeout,
                job.timeoutMs() != null,
                job.retries() != null ? job.retries() : retries,
                job.hostIntervalMs() != null ? Duration.ofMillis(job.hostIntervalMs()).toNanos() : 0);
    }

    /**
     * What a hop to {@code hop} sends with {@code method}, on a chain that started at {@code first}: the
     * User-Agent always, the job's own headers only while the hop has the first URL's origin (scheme,
     * host and port). Like browsers and curl, a redirect to another origin never carries the job's
     * Authorization, Cookie or any other header it set, since they were meant for the site it named.
     * Credentials in a URL ({@code https://user:password@host/}) are sent as Basic authentication, as curl
     * does, by the same rule: the hop's own, else the first URL's while the origin is the same; a job's own
     * Authorization header wins over them.
     */
    public HopRequest hop(String method, TargetUrl first, TargetUrl hop) {
        Map<String, String> sent = new LinkedHashMap<>();
        boolean sameOrigin = sameOrigin(first, hop);
        String credentials = hop.userInfo() != null ? hop.userInfo() : sameOrigin ? first.userInfo() : null;
        if (credentials != null && !(sameOrigin && hasAuthorization(headers))) {
            sent.put(AUTHORIZATION, basic(credentials));
        }
        if (sameOrigin) {
            sent.putAll(headers);
        }
        sent.put("User-Agent", userAgent);
        return new HopRequest(method, sent, insecure, ownTimeout, false); // the engine marks a hop with another address behind it
    }

    private static boolean hasAuthorization(Map<String, String> headers) {
        for (String name : headers.keySet()) {
            if (AUTHORIZATION.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The Basic authorization of a URL's user information: user and password percent-decoded, as UTF-8. */
    private static String basic(String userInfo) {
        String decoded = percentDecoded(userInfo);
        return "Basic " + Base64.getEncoder().encodeToString(
                (decoded.indexOf(':') >= 0 ? decoded : decoded + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** {@code %XX} escapes decoded as UTF-8 ({@code +} is itself here, not a space); a malformed escape is kept as it is. */
    private static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** True when a response with {@code status} to {@code sent} should be asked again with GET: a HEAD refused with 405 or 501. */
    public static boolean fallsBackToGet(String sent, int status) {
        return HEAD.equals(sent) && (status == 405 || status == 501);
    }

    private static boolean sameOrigin(TargetUrl a, TargetUrl b) {
        return a.https() == b.https() && a.host().equals(b.host()) && a.port() == b.port();
    }
}
