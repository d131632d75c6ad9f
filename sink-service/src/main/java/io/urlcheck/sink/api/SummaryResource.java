package io.urlcheck.sink.api;

import io.urlcheck.sink.JobIds;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.SummaryCache;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.messaging.SinkMetrics;
import io.urlcheck.sink.store.ResultStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/summary[?jobId=]}: counts, latency percentiles, slowest URLs and failing hosts. */
@Path("/api/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private final ResultStore store;
    private final SummaryCache cache;
    private final SinkMetrics metrics;

    public SummaryResource(ResultStore store, SinkConfig config, SinkMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.cache = new SummaryCache(config.summaryMaxAge());
    }

    @GET
    @Operation(summary = "A summary over the latest result per URL, of one job when jobId is given")
    public Summary summary(@QueryParam("jobId") String jobId) {
        if (jobId == null || jobId.isBlank()) {
            return cache.get(null, store.version(), () -> metrics.summary(() -> store.summary(null)));
        }
        JobIds.require(jobId.trim());
        if (store.job(jobId.trim()).isEmpty()) {
            throw NotFound.because("unknown job " + jobId.trim());
        }
        String id = jobId.trim();
        return cache.get(id, store.version(), () -> metrics.summary(() -> store.summary(id)));
    }
}
