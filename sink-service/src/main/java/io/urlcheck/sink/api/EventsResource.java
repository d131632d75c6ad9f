package io.urlcheck.sink.api;

import io.urlcheck.sink.EventPage;
import io.urlcheck.sink.EventQuery;
import io.urlcheck.sink.store.MonitorStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /api/events}: the monitors' events, newest first, filtered and paged like {@code /api/results}. */
@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    private final MonitorStore store;

    public EventsResource(MonitorStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "Monitor events, newest first", description = "Pages {items, nextCursor}, like /api/results.")
    public EventPage events(
            @Parameter(description = "A monitor's name, exact") @QueryParam("monitor") String monitor,
            @Parameter(description = "A URL, exact") @QueryParam("url") String url,
            @Parameter(description = "BROKEN, RECOVERED, CHANGED or CERT_EXPIRING") @QueryParam("type") String type,
            @Parameter(description = "ISO-8601 instant; events at or after it") @QueryParam("since") String since,
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return store.events(EventQuery.parse(monitor, url, type, since, limit, cursor));
    }
}
