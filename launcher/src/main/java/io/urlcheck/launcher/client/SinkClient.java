package io.urlcheck.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Queries the sink's REST API: job progress, results (streamed as JSON Lines or CSV) and the summary. */
public final class SinkClient {

    private final Http http;

    /** A client of the sink at {@code baseUrl}, sending {@code token} as a bearer token when not null. */
    public SinkClient(String baseUrl, String token) {
        this.http = new Http(baseUrl, token, "sink");
    }

    /** {@code GET /api/jobs/{id}}; empty while the sink has not heard of the job yet. */
    public Optional<JobStatus> job(String jobId) {
        return Optional.ofNullable(http.getJson("/api/jobs/" + jobId, JobStatus.class));
    }

    /** The most recent job, from {@code GET /api/jobs} (newest first); empty when there is none. */
    public Optional<JobStatus> latestJob() {
        JobStatus[] jobs = http.getJson("/api/jobs", JobStatus[].class);
        return jobs == null || jobs.length == 0 ? Optional.empty() : Optional.of(jobs[0]);
    }

    /**
     * Every matching result as a stream in {@code format} ({@code jsonl} or {@code csv}); the caller closes it.
     *
     * @param filter query parameters of {@code GET /api/results}, e.g. {@code jobId}, {@code outcome}
     */
    public InputStream export(Map<String, String> filter, String format) {
        Map<String, String> q = new LinkedHashMap<>(filter);
        q.put("format", format);
        String accept = format.equals("csv") ? "text/csv" : "application/x-ndjson";
        return http.getStream("/api/results" + Http.query(q), accept);
    }

    /** {@code GET /api/summary[?jobId=]}. */
    public Summary summary(String jobId) {
        Summary summary = http.getJson("/api/summary" + Http.query(jobId == null ? Map.of() : Map.of("jobId", jobId)),
                Summary.class);
        if (summary == null) {
            throw new ApiException("sink: no summary" + (jobId == null ? "" : " for job " + jobId), 404);
        }
        return summary;
    }

    /**
     * Why the sink is not storing results, as its readiness check {@code sink-store} says ({@code GET
     * /q/health/ready}, e.g. its JSON store is full); empty while it stores them, or when it cannot tell.
     */
    public Optional<String> storeFailure() {
        try {
            Http.Answer answer = http.get("/q/health/ready", "application/json");
            for (JsonNode check : JsonCodec.mapper().readTree(answer.body()).path("checks")) {
                if (check.path("name").asText().equals("sink-store") && check.path("status").asText().equals("DOWN")) {
                    String failure = check.path("data").path("failure").asText("");
                    return Optional.of(failure.isBlank() ? "its store is unavailable" : failure);
                }
            }
            return Optional.empty();
        } catch (ApiException | IOException e) {
            return Optional.empty(); // a diagnosis only: the job's own polling reports an unreachable sink
        }
    }

    /** The sink's base URL. */
    public String baseUrl() {
        return http.base();
    }
}
