package io.urlcheck.producer.api;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.producer.InputFeeder;
import io.urlcheck.producer.JobAccounting;
import io.urlcheck.producer.JobRegistry;
import io.urlcheck.producer.JobSubmitter;
import io.urlcheck.producer.PublishedTotals;
import io.urlcheck.producer.SubmissionException;
import io.urlcheck.producer.config.ProducerSettings;
import io.urlcheck.producer.metrics.ProducerMetrics;
import jakarta.ws.rs.Consumes;
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

import java.io.InputStream;
import java.net.URI;

/**
 * {@code POST /api/jobs}: a submission as text (one URL per line), a JSON array, or a multipart file
 * upload, each streamed (never spooled) and answered {@code 202} once Kafka acknowledged every record of the job;
 * {@code GET /api/jobs/{id}}: the job's ingestion totals, from this producer if it took the job, else as another
 * producer published them ({@link PublishedTotals}), so the {@code 202}'s {@code Location} answers from any
 * replica. The job's options come in the
 * {@value ApiHeaders#OPTIONS} header, or first in a JSON object body ({@link JsonArrayFeeder}); either way
 * they are validated before the first URL is read. Thin: the work is in {@link JobSubmitter}.
 */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private static final Logger LOG = Logger.getLogger(JobsResource.class);

    /** Media type of a list of URIs (RFC 2483): one per line, {@code #} comments; read like text/plain. */
    static final String URI_LIST = "text/uri-list";

    private final JobSubmitter submitter;
    private final JobRegistry registry;
    private final PublishedTotals published;
    private final ProducerSettings settings;
    private final ProducerMetrics metrics;

    public JobsResource(JobSubmitter submitter, JobRegistry registry, PublishedTotals published, ProducerSettings settings,
                        ProducerMetrics metrics) {
        this.metrics = metrics;
        this.submitter = submitter;
        this.registry = registry;
        this.published = published;
        this.settings = settings;
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, URI_LIST})
    public Response submitText(@QueryParam("jobId") String jobId, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                               @HeaderParam(ApiHeaders.OPTIONS) String options, InputStream body) {
        InputStream bounded = bounded(body, length);
        return accepted(submitter.submit(userJobId(jobId), OptionsHeader.parse(options), metrics.ingestion(ProducerMetrics.Source.file),
                InputFeeder.lines(bounded, submitter.limits().maxLineBytes())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitJson(@QueryParam("jobId") String jobId, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                               @HeaderParam(ApiHeaders.OPTIONS) String options, InputStream body) {
        return accepted(submitter.submit(userJobId(jobId), OptionsHeader.parse(options), metrics.ingestion(ProducerMetrics.Source.rest),
                new JsonArrayFeeder(bounded(body, length), options != null, submitter.limits().maxLineBytes())));
    }

    /**
     * Reads the upload straight from the request, part by part ({@link MultipartStream}), counted against the
     * same limit as the other formats while it streams: nothing is spooled to the pod's small {@code /tmp}.
     * Every part with a file name is read, as JSON when its type says so, else as lines; plain fields are skipped.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submitUpload(@QueryParam("jobId") String jobId, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(ApiHeaders.OPTIONS) String options, InputStream body) {
        MultipartStream parts = MultipartStream.of(bounded(body, length), contentType);
        return accepted(submitter.submit(userJobId(jobId), OptionsHeader.parse(options), metrics.ingestion(ProducerMetrics.Source.file), ingestion -> {
            int files = 0;
            for (MultipartStream.Part part = parts.next(); part != null; part = parts.next()) {
                if (part.fileName() == null) {
                    continue;
                }
                files++;
                InputFeeder feeder = isJson(part.contentType()) ? new JsonArrayFeeder(part.body(), options != null,
                        submitter.limits().maxLineBytes())
                        : InputFeeder.lines(part.body(), submitter.limits().maxLineBytes());
                feeder.feed(ingestion);
            }
            if (files == 0) {
                throw new SubmissionException(SubmissionException.Kind.UNREADABLE, "multipart body has no file part");
            }
        }));
    }

    @GET
    @Path("/{id}")
    public Response totals(@PathParam("id") String id) {
        return registry.find(id).map(JobAccounting::current).or(() -> published.find(id))
                .map(totals -> Response.ok(totals).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(new ApiError("unknown job " + id)).build());
    }

    /** Another producer's totals could not be read: an outage, worth asking again. */
    @ServerExceptionMapper
    public Response unavailable(PublishedTotals.Unavailable e) {
        LOG.warn(e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response refused(SubmissionException e) {
        Response.Status status = switch (e.kind()) {
            case UNREADABLE, BAD_JOB_ID, BAD_OPTIONS -> Response.Status.BAD_REQUEST;
            case TOO_LARGE -> Response.Status.REQUEST_ENTITY_TOO_LARGE;
            case JOB_BUSY -> Response.Status.CONFLICT;
            case NOT_PUBLISHED -> Response.Status.SERVICE_UNAVAILABLE;
        };
        if (status == Response.Status.SERVICE_UNAVAILABLE) {
            LOG.error(e.getMessage(), e.getCause());
        } else {
            LOG.debugf("submission refused (%d): %s", status.getStatusCode(), e.getMessage());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(e.getMessage())).build();
    }

    /** A job id a user gave: never one of the monitors' ({@link MonitorJobId#isReserved}). */
    private static String userJobId(String jobId) {
        if (MonitorJobId.isReserved(jobId)) {
            throw new SubmissionException(SubmissionException.Kind.BAD_JOB_ID, MonitorJobId.refusal("jobId"));
        }
        return jobId;
    }

    private InputStream bounded(InputStream body, Long declaredLength) {
        if (declaredLength != null && declaredLength > settings.maxBodyBytes()) {
            throw BoundedBody.tooLarge(settings.maxBodyBytes());
        }
        return new BoundedBody(body, settings.maxBodyBytes());
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith(MediaType.APPLICATION_JSON);
    }

    private static Response accepted(JobTotals totals) {
        return Response.accepted(JobReceipt.of(totals)).location(URI.create("/api/jobs/" + totals.jobId())).build();
    }
}
