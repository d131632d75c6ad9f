package io.urlcheck.launcher.client;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.JsonCodec;

import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Submits work to the producer's REST API: {@code POST /api/jobs[?jobId=]} with one URL per line. */
public final class ProducerClient {

    private final Http http;

    /** A client of the producer at {@code baseUrl}, sending {@code token} as a bearer token when not null. */
    public ProducerClient(String baseUrl, String token) {
        this.http = new Http(baseUrl, token, "producer");
    }

    /**
     * Streams {@code body} (one URL per line, never held whole in memory) as job {@code jobId} (null: the
     * producer picks one). Returns once the producer has every line acknowledged by Kafka.
     */
    public Submission submit(Supplier<InputStream> body, String jobId) {
        return submit(body, jobId, JobOptions.DEFAULTS);
    }

    /** As {@link #submit(Supplier, String)}, with the job's options in the {@value ApiHeaders#OPTIONS} header. */
    public Submission submit(Supplier<InputStream> body, String jobId, JobOptions options) {
        return post(body, jobId, options, "text/plain; charset=utf-8");
    }

    /** As {@link #submit(Supplier, String, JobOptions)}, with a JSON array body: URL strings and {@code {"url", "source"}} links from documents. */
    public Submission submitJson(Supplier<InputStream> body, String jobId, JobOptions options) {
        return post(body, jobId, options, "application/json");
    }

    private Submission post(Supplier<InputStream> body, String jobId, JobOptions options, String contentType) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("jobId", jobId);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        if (!options.equals(JobOptions.DEFAULTS)) {
            headers.put(ApiHeaders.OPTIONS, JsonCodec.encodeToString(options));
        }
        Http.Answer answer = http.post("/api/jobs" + Http.query(q), headers, body, Duration.ofHours(12));
        http.requireSuccess(answer.status(), "POST /api/jobs", answer.text());
        return JsonCodec.decode(answer.body(), Submission.class);
    }

    /** The producer's base URL. */
    public String baseUrl() {
        return http.base();
    }
}
