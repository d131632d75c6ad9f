package io.urlcheck.sink.api;

import io.urlcheck.contract.Monitor;
import io.urlcheck.sink.BadQueryException;
import io.urlcheck.sink.MonitorRun;
import io.urlcheck.sink.MonitorStatus;
import io.urlcheck.sink.MonitorSummary;
import io.urlcheck.sink.ResultQueryParser;
import io.urlcheck.sink.messaging.MonitorTable;
import io.urlcheck.sink.store.MonitorStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code GET /api/monitors[/{name}/runs]}: the monitors, read-only, with what the sink saw of their runs. */
@Path("/api/monitors")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorsResource {

    /** Runs listed when the client names no limit. */
    static final int DEFAULT_RUNS = 50;

    private final MonitorTable monitors;
    private final MonitorStore store;

    public MonitorsResource(MonitorTable monitors, MonitorStore store) {
        this.monitors = monitors;
        this.store = store;
    }

    @GET
    @Operation(summary = "Every monitor, sorted by name, with its URLs up and down and its newest run")
    public List<MonitorSummary> list() {
        Map<String, MonitorStatus> statuses = store.statuses();
        return monitors.all().values().stream().sorted(Comparator.comparing(Monitor::name))
                .map(m -> MonitorSummary.of(m, statuses.getOrDefault(m.name(), MonitorStatus.NONE))).toList();
    }

    @GET
    @Path("/{name}/runs")
    @Operation(summary = "A monitor's runs with results, newest first: URLs up, down and in all")
    public List<MonitorRun> runs(@PathParam("name") String name, @QueryParam("limit") String limit) {
        if (!Monitor.NAME.matcher(name).matches()) {
            throw new BadQueryException("name must match " + Monitor.NAME.pattern());
        }
        if (monitors.get(name).isEmpty()) {
            throw NotFound.because("unknown monitor " + name);
        }
        Integer n = ResultQueryParser.parseLimit(limit);
        return store.runs(name, n == null ? DEFAULT_RUNS : n);
    }
}
