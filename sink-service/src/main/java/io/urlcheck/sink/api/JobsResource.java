package io.urlcheck.sink.api;

import io.urlcheck.sink.JobIds;
import io.urlcheck.sink.JobProgress;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.store.ResultStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.util.List;

/** {@code GET /api/jobs[/{id}]}: the progress of jobs, fed by the producer's totals and the results. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private final ResultStore store;
    private final int recentJobs;
    private final Clock clock = Clock.systemUTC();

    public JobsResource(ResultStore store, SinkConfig config) {
        this.store = store;
        this.recentJobs = config.recentJobs();
    }

    @GET
    @Operation(summary = "Recent jobs, most recently updated first")
    public List<JobProgress> recent() {
        var now = clock.instant();
        return store.recentJobs(recentJobs).stream().map(s -> JobProgress.of(s, now)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The progress of one job; done == complete && checked >= expected")
    public JobProgress job(@PathParam("id") String id) {
        JobIds.require(id);
        return store.job(id)
                .map(s -> JobProgress.of(s, clock.instant()))
                .orElseThrow(() -> NotFound.because("unknown job " + id));
    }
}
