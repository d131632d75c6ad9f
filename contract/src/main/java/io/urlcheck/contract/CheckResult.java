package io.urlcheck.contract;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The outcome of one check; the value of a record on {@link Topics#RESULTS}, keyed by {@link #url()}.
 * Field names are a public contract (user scripts read them); add fields, never rename them.
 *
 * @param schemaVersion     the wire schema version, {@link #SCHEMA_VERSION} when written by this code
 * @param checkId           unique per check; a redelivered result carries the same id, so stores dedupe on it
 * @param requestId         the {@link CheckRequest#requestId()} this answers, null for rejected input
 * @param jobId             the job the input belongs to
 * @param input             the line or record as given (bounded)
 * @param url               the normalized URL; for {@link Outcome#INVALID_URL} the trimmed input, so it is never null
 * @param outcome           what became of the check
 * @param statusCode        the final HTTP status, null when there was no HTTP response
 * @param responseTimeMs    total time of the check, redirects included; null when nothing was requested
 * @param timeToFirstByteMs time until the final response's headers arrived; null without a response
 * @param title             the HTML document's title, decoded and whitespace-collapsed; null if none
 * @param finalUrl          the URL that answered last, after redirects
 * @param redirects         every hop that answered with a redirect, in order; empty when none
 * @param contentType       the final response's Content-Type header
 * @param contentLength     bytes of body read (bounded by the worker's max-body-bytes), or the declared length
 * @param error             a human-readable reason; null on success
 * @param attempts          how many tries were made (0 for rejected input)
 * @param checkedAt         when the check finished, ISO-8601 on the wire
 * @param workerId          which worker (or "producer" for rejected input) wrote the result
 * @param tls               certificate and protocol for https targets; null otherwise
 * @param timings           where the final attempt's time went (DNS, connect, TLS, first byte, transfer); null
 *                          when nothing was requested, and in results written before it existed
 * @param displayHost       the host of {@link #url()} as people write it ({@code faß.de} for
 *                          {@code xn--fa-hia.de}, see {@link HostNames#toUnicode}); the URL keeps the ASCII
 *                          form and {@link #input()} the user's text. Null for rejected input and in
 *                          records written before it existed
 * @param source            where the link was found, echoed from {@link CheckRequest#source()}; null for a URL
 *                          read from a list (optional on the wire: absent decodes to null)
 * @param method            the HTTP method of the final response, {@code GET} or {@code HEAD} ({@code GET} after a
 *                          HEAD the server refused with 405 or 501); null when there was no response or before it existed
 */
public record CheckResult(
        int schemaVersion,
        String checkId,
        String requestId,
        String jobId,
        String input,
        String url,
        Outcome outcome,
        Integer statusCode,
        Long responseTimeMs,
        Long timeToFirstByteMs,
        String title,
        String finalUrl,
        List<Redirect> redirects,
        String contentType,
        Long contentLength,
        String error,
        int attempts,
        Instant checkedAt,
        String workerId,
        TlsInfo tls,
        Timings timings,
        String displayHost,
        LinkSource source,
        String method) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Checks the required fields and applies the {@link WireValues} rules to every text and instant; hides the
     * credentials of every URL it shows ({@link UrlCredentials}).
     */
    public CheckResult {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(checkedAt, "checkedAt");
        checkId = WireValues.text(checkId);
        requestId = WireValues.text(requestId);
        jobId = WireValues.text(jobId);
        input = UrlCredentials.redact(WireValues.text(input));
        url = UrlCredentials.redact(WireValues.text(url));
        title = WireValues.text(title);
        finalUrl = UrlCredentials.redact(WireValues.text(finalUrl));
        contentType = WireValues.text(contentType);
        error = UrlCredentials.redact(WireValues.text(error));
        workerId = WireValues.text(workerId);
        displayHost = WireValues.text(displayHost);
        method = WireValues.text(method);
        WireValues.instant(checkedAt, "checkedAt");
        redirects = redirects == null ? List.of() : List.copyOf(redirects);
    }

    /** The host part of {@link #url()}, lower case, or null when the URL has none (rejected input). */
    public String host() {
        return UrlParts.hostOf(url);
    }

    /** True when this result is a later check of the same URL than {@code other}: the newer one wins. */
    public boolean isNewerThan(CheckResult other) {
        int byTime = checkedAt.compareTo(other.checkedAt);
        return byTime != 0 ? byTime > 0 : checkId.compareTo(other.checkId) > 0;
    }

    /** A result for input the producer refused, so every input is accounted for. */
    public static CheckResult invalid(String jobId, String input, String trimmed, String reason, Instant at) {
        return producers(Outcome.INVALID_URL, jobId, input, trimmed, reason, at);
    }

    /** A result for a URL the producer deliberately did not check ({@link Outcome#SKIPPED}), {@code reason} saying why. */
    public static CheckResult skipped(String jobId, String input, String url, String reason, Instant at) {
        return producers(Outcome.SKIPPED, jobId, input, url, reason, at);
    }

    /** A result the producer gives itself, without a check: no attempt, {@code reason} as the error. */
    private static CheckResult producers(Outcome outcome, String jobId, String input, String url, String reason, Instant at) {
        return builder()
                .jobId(jobId)
                .input(input)
                .url(url)
                .outcome(outcome)
                .error(reason)
                .attempts(0)
                .checkedAt(at)
                .workerId("producer")
                .build();
    }

    /** A builder with a fresh {@link #checkId()} and the current schema version. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this result's fields, for deriving a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.checkId = checkId;
        b.requestId = requestId;
        b.jobId = jobId;
        b.input = input;
        b.url = url;
        b.outcome = outcome;
        b.statusCode = statusCode;
        b.responseTimeMs = responseTimeMs;
        b.timeToFirstByteMs = timeToFirstByteMs;
        b.title = title;
        b.finalUrl = finalUrl;
        b.redirects = redirects;
        b.contentType = contentType;
        b.contentLength = contentLength;
        b.error = error;
        b.attempts = attempts;
        b.checkedAt = checkedAt;
        b.workerId = workerId;
        b.tls = tls;
        b.timings = timings;
        b.displayHost = displayHost;
        b.source = source;
        b.method = method;
        return b;
    }

    /** Assembles a {@link CheckResult} field by field; the worker fills it as a check progresses. */
    public static final class Builder {
        private String checkId = UUID.randomUUID().toString();
        private String requestId;
        private String jobId;
        private String input;
        private String url;
        private Outcome outcome;
        private Integer statusCode;
        private Long responseTimeMs;
        private Long timeToFirstByteMs;
        private String title;
        private String finalUrl;
        private List<Redirect> redirects = List.of();
        private String contentType;
        private Long contentLength;
        private String error;
        private int attempts;
        private Instant checkedAt;
        private String workerId;
        private TlsInfo tls;
        private Timings timings;
        private String displayHost;
        private LinkSource source;
        private String method;

        private Builder() {
        }

        public Builder checkId(String v) { checkId = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder jobId(String v) { jobId = v; return this; }
        public Builder input(String v) { input = v; return this; }
        public Builder url(String v) { url = v; return this; }
        public Builder outcome(Outcome v) { outcome = v; return this; }
        public Builder statusCode(Integer v) { statusCode = v; return this; }
        public Builder responseTimeMs(Long v) { responseTimeMs = v; return this; }
        public Builder timeToFirstByteMs(Long v) { timeToFirstByteMs = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder finalUrl(String v) { finalUrl = v; return this; }
        public Builder redirects(List<Redirect> v) { redirects = v; return this; }
        public Builder contentType(String v) { contentType = v; return this; }
        public Builder contentLength(Long v) { contentLength = v; return this; }
        public Builder error(String v) { error = v; return this; }
        public Builder attempts(int v) { attempts = v; return this; }
        public Builder checkedAt(Instant v) { checkedAt = v; return this; }
        public Builder workerId(String v) { workerId = v; return this; }
        public Builder tls(TlsInfo v) { tls = v; return this; }
        public Builder timings(Timings v) { timings = v; return this; }
        public Builder displayHost(String v) { displayHost = v; return this; }
        public Builder source(LinkSource v) { source = v; return this; }
        public Builder method(String v) { method = v; return this; }

        /**
         * Fills the fields of {@code request} that a result repeats: ids, input, URL, the host's readable form and
         * where the link was found.
         */
        public Builder answering(CheckRequest request) {
            return requestId(request.requestId()).jobId(request.jobId()).input(request.input()).url(request.url())
                    .displayHost(HostNames.toUnicode(request.host())).source(request.source());
        }

        public CheckResult build() {
            return new CheckResult(SCHEMA_VERSION, checkId, requestId, jobId, input, url, outcome, statusCode,
                    responseTimeMs, timeToFirstByteMs, title, finalUrl, redirects, contentType, contentLength,
                    error, attempts, checkedAt, workerId, tls, timings, displayHost, source, method);
        }
    }
}
