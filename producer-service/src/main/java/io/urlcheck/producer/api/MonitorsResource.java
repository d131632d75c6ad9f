package io.urlcheck.producer.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.ListLines;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Schedule;
import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.producer.Line;
import io.urlcheck.producer.LineReader;
import io.urlcheck.producer.SubmissionException;
import io.urlcheck.producer.config.ProducerSettings;
import io.urlcheck.producer.messaging.MonitorStore;
import io.urlcheck.producer.monitor.MonitorUrls;
import io.urlcheck.producer.monitor.Ticks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /api/monitors}: add or replace a monitor (a JSON {@link Monitor}, or an uploaded list of URLs as text
 * with the rest in the query and the {@value ApiHeaders#OPTIONS} header), list them, show one, remove one.
 * Every URL is checked when the monitor is added ({@link MonitorUrls}); a monitor is written to
 * {@code urlcheck.monitors} and acknowledged before the answer. What is shown is {@link Monitor#redacted()}.
 */
@Path("/api/monitors")
@Produces(MediaType.APPLICATION_JSON)
public class MonitorsResource {

    private static final Logger LOG = Logger.getLogger(MonitorsResource.class);

    /** One line of {@code GET /api/monitors}. */
    public record Summary(String name, Schedule schedule, int urls, int webhooks, int brokenAfter, int certExpiryDays,
                          String lastTick, String nextTick) {
    }

    /** The largest JSON monitor: every URL and webhook it may hold, its options, and room for fields a newer client adds. */
    private static final BoundedTree JSON_BUDGET = new BoundedTree(Monitor.MAX_URLS + Monitor.MAX_WEBHOOKS
            + OptionsHeader.BODY_BUDGET.maxValues() + 100, Long.MAX_VALUE);

    private final MonitorStore store;
    private final UrlNormalizer normalizer;
    private final ProducerSettings settings;
    private final Clock clock;

    public MonitorsResource(MonitorStore store, UrlNormalizer normalizer, ProducerSettings settings, Clock clock) {
        this.store = store;
        this.normalizer = normalizer;
        this.settings = settings;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addJson(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body) throws IOException {
        Monitor given = monitorOf(tree(bounded(body, length)));
        MonitorUrls urls = new MonitorUrls(normalizer);
        for (int i = 0; i < given.urls().size(); i++) {
            urls.add("urls[" + i + "]", given.urls().get(i));
        }
        return store(new Monitor(given.name(), given.schedule(), urls.urls(), given.options(), given.webhooks(),
                given.brokenAfter(), given.certExpiryDays()));
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, JobsResource.URI_LIST})
    public Response addList(@QueryParam("name") String name, @QueryParam("every") String every, @QueryParam("cron") String cron,
                            @QueryParam("webhook") List<String> webhooks, @QueryParam("brokenAfter") Integer brokenAfter,
                            @QueryParam("certExpiryDays") Integer certExpiryDays,
                            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                            @HeaderParam(ApiHeaders.OPTIONS) String options, InputStream body) throws IOException {
        JobOptions jobOptions = OptionsHeader.parse(options);
        Schedule schedule = new Schedule(every, cron);
        MonitorUrls urls = new MonitorUrls(normalizer);
        LineReader reader = new LineReader(bounded(body, length), settings.maxLineBytes());
        for (Line line = reader.next(); line != null; line = reader.next()) {
            String text = line.text().strip();
            String where = "line " + line.number();
            if (line.problem() == Line.Problem.TOO_LONG) {
                urls.bad(where, "line too long: over " + settings.maxLineBytes() + " bytes");
            } else if (line.problem() == Line.Problem.INVALID_UTF8) {
                urls.bad(where, "line is not valid UTF-8");
            } else if (!ListLines.isBlankOrComment(text)) {
                urls.add(where, text);
            }
        }
        return store(new Monitor(name, schedule, urls.urls(), jobOptions, webhooks, brokenAfter, certExpiryDays));
    }

    @GET
    public List<Summary> list() {
        Instant now = clock.instant();
        return store.all().values().stream()
                .sorted(Comparator.comparing(Monitor::name))
                .map(monitor -> summary(monitor, now))
                .toList();
    }

    @GET
    @Path("/{name}")
    public Response get(@PathParam("name") String name) {
        return store.get(name)
                .map(monitor -> Response.ok(monitor.redacted()).build())
                .orElseGet(() -> unknown(name));
    }

    @DELETE
    @Path("/{name}")
    public Response remove(@PathParam("name") String name) {
        store.refresh();
        if (store.get(name).isEmpty()) {
            return unknown(name);
        }
        store.delete(name);
        LOG.infof("monitor %s removed", name);
        return Response.noContent().build();
    }

    @ServerExceptionMapper
    public Response refused(IllegalArgumentException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(SubmissionException e) {
        if (e.kind() == SubmissionException.Kind.TOO_LARGE) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body is over the " + settings.monitors().maxBodyBytes()
                    + "-byte limit (urlcheck.producer.monitors.max-body-bytes)");
        }
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(MonitorStore.MonitorWriteException e) {
        LOG.error(e.getMessage(), e.getCause());
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private Response store(Monitor monitor) {
        store.refresh();
        boolean replaced = store.get(monitor.name()).isPresent();
        store.put(monitor);
        LOG.infof("monitor %s %s: %s, %d URLs", monitor.name(), replaced ? "replaced" : "added", monitor.schedule(), monitor.urls().size());
        return replaced ? Response.ok(monitor.redacted()).build()
                : Response.created(URI.create("/api/monitors/" + monitor.name())).entity(monitor.redacted()).build();
    }

    private Summary summary(Monitor monitor, Instant now) {
        Instant last = store.lastTick(monitor.name());
        Instant next = Ticks.next(monitor.schedule(), last, now);
        return new Summary(monitor.name(), monitor.schedule(), monitor.urls().size(), monitor.webhooks().size(),
                monitor.brokenAfter(), monitor.certExpiryDays(), last == null ? null : last.toString(),
                next == null ? null : next.toString());
    }

    /**
     * The JSON body as a tree no larger than {@link #JSON_BUDGET}, read as it streams in: a body of tiny values
     * ({@code {"urls": ["a","a",...]}}) builds a tree twenty times its size, which the body limit alone does not bound.
     */
    private static JsonNode tree(InputStream body) throws IOException {
        try (JsonParser parser = JsonCodec.mapper().getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("the body must be a JSON object: a monitor");
            }
            JsonNode node = JSON_BUDGET.read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("the body is not JSON: content after the monitor");
            }
            return node;
        } catch (BoundedTree.TooLarge e) {
            throw new IllegalArgumentException("the monitor is too large: " + e.getMessage() + "; a monitor holds at most "
                    + Monitor.MAX_URLS + " URLs and " + Monitor.MAX_WEBHOOKS + " webhooks", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The monitor in a JSON body; an {@link IllegalArgumentException} says which field is wrong and why. */
    private static Monitor monitorOf(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object: a monitor");
        }
        try {
            return JsonCodec.mapper().treeToValue(node, Monitor.class);
        } catch (JsonProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException refusal) {
                    throw new IllegalArgumentException(refusal.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("the body is not a monitor: " + e.getOriginalMessage(), e);
        }
    }

    private InputStream bounded(InputStream body, Long declaredLength) {
        long limit = settings.monitors().maxBodyBytes();
        if (declaredLength != null && declaredLength > limit) {
            throw new SubmissionException(SubmissionException.Kind.TOO_LARGE, "body too large");
        }
        return new BoundedBody(body, limit);
    }

    private static Response unknown(String name) {
        return error(Response.Status.NOT_FOUND, "unknown monitor " + name);
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}
