package io.urlcheck.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated, normalized URL to check; the value of a record on {@link Topics#REQUESTS}, keyed by
 * {@link #host()}.
 *
 * @param schemaVersion the wire schema version, {@link #SCHEMA_VERSION} when written by this code
 * @param requestId     unique per submitted line, so a result can be traced back to its request
 * @param jobId         the job the line was submitted in
 * @param input         the line or record as given (bounded, see the producer's README)
 * @param url           the normalized URL to check
 * @param host          the URL's host, lower case; the record key
 * @param submittedAt   when the producer accepted the line
 * @param source        where the link was found when it came from a document (Markdown, HTML), else null;
 *                      added later and optional: a record without it decodes to null, and an older reader
 *                      ignores it (unknown fields are ignored, see {@link JsonCodec})
 */
public record CheckRequest(
        int schemaVersion,
        String requestId,
        String jobId,
        String input,
        String url,
        String host,
        Instant submittedAt,
        LinkSource source) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks the required fields and applies the {@link WireValues} rules to every text and instant. */
    public CheckRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jobId, "jobId");
        requestId = WireValues.text(requestId);
        jobId = WireValues.text(jobId);
        input = WireValues.text(input);
        url = WireValues.text(url);
        host = WireValues.text(host);
        WireValues.instant(submittedAt, "submittedAt");
    }

    /** A request for a URL read from a list, found in no document: what every request was before {@code source}. */
    public CheckRequest(int schemaVersion, String requestId, String jobId, String input, String url, String host,
                        Instant submittedAt) {
        this(schemaVersion, requestId, jobId, input, url, host, submittedAt, null);
    }
}
