package io.urlcheck.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated, normalized URL to check; the value of a record on {@link Topics#REQUESTS}, keyed by
 * {@link #host()}.
 *
 * <p>The schema evolves compatibly (see contract/README.md): version 2 added {@code options}. A version-1 record,
 * without the field, decodes with {@link JobOptions#DEFAULTS}, which is exactly what it meant; a version-1 reader
 * ignores the field, as every reader ignores unknown fields ({@link JsonCodec}).
 *
 * @param schemaVersion the wire schema version, {@link #SCHEMA_VERSION} when written by this code
 * @param requestId     unique per submitted line, so a result can be traced back to its request
 * @param jobId         the job the line was submitted in
 * @param input         the line or record as given (bounded, see the producer's README)
 * @param url           the normalized URL to check
 * @param host          the URL's host, lower case; the record key
 * @param submittedAt   when the producer accepted the line
 * @param options       the job's options, the same on every request of the job; never null ({@link JobOptions#DEFAULTS}
 *                      when a record has none)
 * @param source        where the link was found when it came from a document (Markdown, HTML), else null;
 *                      optional like {@code options}: a record without it decodes to null, and an older reader
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
        JobOptions options,
        LinkSource source) {

    /** The schema version this code writes: 2 since {@code options}. Readers accept 1 and 2. */
    public static final int SCHEMA_VERSION = 2;

    /**
     * Checks the required fields and applies the {@link WireValues} rules to every text and instant; no options
     * means {@link JobOptions#DEFAULTS}.
     */
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
        options = options == null ? JobOptions.DEFAULTS : options;
    }

    /** A request with the default options, as every request was before schema version 2. */
    public CheckRequest(int schemaVersion, String requestId, String jobId, String input, String url, String host,
                        Instant submittedAt) {
        this(schemaVersion, requestId, jobId, input, url, host, submittedAt, JobOptions.DEFAULTS, null);
    }

    /** A request for a URL read from a list, found in no document: every component but {@code source}. */
    public CheckRequest(int schemaVersion, String requestId, String jobId, String input, String url, String host,
                        Instant submittedAt, JobOptions options) {
        this(schemaVersion, requestId, jobId, input, url, host, submittedAt, options, null);
    }
}
