package io.urlcheck.sink.api;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.sink.BadQueryException;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQuery;
import io.urlcheck.sink.ResultQueryParser;
import io.urlcheck.sink.UrlHistory;
import io.urlcheck.sink.store.ResultStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** {@code GET /api/results}: the latest result per URL, filtered, sorted, paged; and the lookup of one URL. */
@Path("/api/results")
public class ResultsResource {

    /** The media type of JSON Lines answers. */
    public static final String JSONL = "application/jsonl";
    /** The media type of CSV answers. */
    public static final String CSV = "text/csv";

    private final ResultStore store;

    public ResultsResource(ResultStore store) {
        this.store = store;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, JSONL, "application/x-ndjson", CSV})
    @Operation(summary = "The latest result per URL",
            description = "JSON pages {items, nextCursor}; jsonl and csv stream every matching row unless limit is given.")
    public Response results(
            @Parameter(description = "An outcome name, e.g. HTTP_ERROR") @QueryParam("outcome") String outcome,
            @Parameter(description = "A status (404) or a class (4xx)") @QueryParam("statusCode") String statusCode,
            @Parameter(description = "A host name, exact") @QueryParam("host") String host,
            @QueryParam("jobId") String jobId,
            @Parameter(description = "Substring of the URL or title, case-insensitive") @QueryParam("q") String q,
            @Parameter(description = "ISO-8601 instant; results checked at or after it") @QueryParam("since") String since,
            @Parameter(description = "responseTime, -responseTime, checkedAt or -checkedAt (default)") @QueryParam("sort") String sort,
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "json, jsonl or csv; overrides Accept") @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String chosen = format(format, accept);
        boolean paged = chosen.equals("json");
        ResultQuery query = ResultQueryParser.parse(outcome, statusCode, host, jobId, q, since, sort, limit, cursor, paged);
        return switch (chosen) {
            case "jsonl" -> Response.ok(stream(query, false), JSONL).build();
            case "csv" -> Response.ok(stream(query, true), CSV + ";charset=utf-8").build();
            default -> {
                ResultPage page = store.find(query);
                yield Response.ok(page, MediaType.APPLICATION_JSON).build();
            }
        };
    }

    @GET
    @Path("/lookup")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest result of one URL and its history, newest first; only one monitor's runs with monitor=")
    public UrlHistory lookup(@QueryParam("url") String url,
                             @Parameter(description = "A monitor's name: only its runs") @QueryParam("monitor") String monitor) {
        if (url == null || url.isBlank()) {
            throw new BadQueryException("url is required");
        }
        if (monitor != null && !Monitor.NAME.matcher(monitor).matches()) {
            throw new BadQueryException("monitor must match " + Monitor.NAME.pattern());
        }
        String stored = ResultQueryParser.text(url.trim());
        return store.lookup(stored).flatMap(h -> monitor == null ? Optional.of(h) : h.ofMonitor(monitor))
                .orElseThrow(() -> NotFound.because("no result for url " + stored + (monitor == null ? "" : " in monitor " + monitor)));
    }

    static String format(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!f.equals("json") && !f.equals("jsonl") && !f.equals("csv")) {
                throw new BadQueryException("format must be json, jsonl or csv; got '" + format + "'");
            }
            return f;
        }
        String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (a.contains(JSONL) || a.contains("application/x-ndjson")) {
            return "jsonl";
        }
        if (a.contains(CSV)) {
            return "csv";
        }
        return "json";
    }

    private StreamingOutput stream(ResultQuery query, boolean csv) {
        return out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            if (csv) {
                writer.write(CsvWriter.HEADER);
                writer.write("\r\n");
            }
            try {
                store.stream(query, r -> write(writer, r, csv));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
    }

    private static void write(Writer writer, CheckResult r, boolean csv) {
        try {
            if (csv) {
                CsvWriter.writeRow(writer, r);
            } else {
                writer.write(JsonCodec.encodeToString(r));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
