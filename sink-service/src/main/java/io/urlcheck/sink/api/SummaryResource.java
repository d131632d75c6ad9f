package io.urlcheck.sink.api;

import io.urlcheck.sink.JobIds;
import io.urlcheck.sink.Summary;
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

    public SummaryResource(ResultStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "A summary over the latest result per URL, of one job when jobId is given")
    public Summary summary(@QueryParam("jobId") String jobId) {
        if (jobId == null || jobId.isBlank()) {
            return store.summary(null);
        }
        JobIds.require(jobId.trim());
        if (store.job(jobId.trim()).isEmpty()) {
            throw NotFound.because("unknown job " + jobId.trim());
        }
        return store.summary(jobId.trim());
    }
}
