package io.urlcheck.worker.messaging;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LogIds;
import io.urlcheck.worker.CheckEngine;
import io.urlcheck.worker.PendingWork;
import io.urlcheck.worker.config.WorkerConfig;
import io.urlcheck.worker.metrics.WorkerMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionStage;

/**
 * Turns the stream of check requests into the stream of results. {@link BoundedMerge} keeps at
 * most {@code max-pending} requests taken from Kafka and unfinished; when they are, it stops
 * requesting and the connector pauses the consumer (real backpressure). Each result message is
 * derived from its request message, so the request is acked, and its offset becomes committable,
 * only once Kafka acknowledged the result. See DESIGN.md.
 */
@ApplicationScoped
public class RequestProcessor {

    /** The incoming channel: {@code urlcheck.requests}, raw bytes so a bad record can be dead-lettered. */
    public static final String REQUESTS = "requests";
    /** The outgoing channel: {@code urlcheck.results}. */
    public static final String RESULTS = "results";

    private static final Logger LOG = Logger.getLogger(RequestProcessor.class);

    private final CheckEngine engine;
    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;
    private final PendingWork pendingWork;
    private final int maxPending;

    public RequestProcessor(CheckEngine engine, DeadLetters deadLetters, WorkerMetrics metrics, PendingWork pendingWork,
                            WorkerConfig config) {
        this.engine = engine;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.pendingWork = pendingWork;
        this.maxPending = config.pendingWindow();
    }

    @Incoming(REQUESTS)
    @Outgoing(RESULTS)
    public Multi<Message<CheckResult>> process(Multi<Message<byte[]>> requests) {
        return Multi.createFrom().publisher(new BoundedMerge<>(requests, this::handle, maxPending));
    }

    /**
     * Plain future composition, not a Uni per record: Mutiny's per-subscription interceptors were a
     * measurable share of the worker's CPU per check (bench/README.md, finding 8).
     */
    private CompletionStage<Message<CheckResult>> handle(Message<byte[]> message) {
        pendingWork.taken();
        CheckRequest request;
        try {
            if (message.getPayload() == null) {
                throw new IllegalArgumentException("empty record value");
            }
            request = JsonCodec.decode(message.getPayload(), CheckRequest.class);
        } catch (RuntimeException e) {
            return deadLetters.send(message, e.getMessage() == null ? e.toString() : e.getMessage())
                    .eventually(pendingWork::settled)
                    .replaceWith((Message<CheckResult>) null)
                    .subscribeAsCompletionStage();
        }
        return engine.check(request).thenApply(result -> resultMessage(message, result));
    }

    /**
     * Writes a line about {@code result} with its ids in the MDC ({@link LogIds}). Quarkus keeps the MDC in the
     * current Vert.x duplicated context; the check completes on the HTTP client's event loop, whose context is a
     * root one, where Quarkus would put each MDC value into a fresh duplicate and the line would see none. So
     * there the line is written, synchronously, on a duplicate of its own; elsewhere (a duplicated context, or
     * no Vert.x context and a thread-local MDC) in place.
     */
    private static void logAbout(CheckResult result, Runnable line) {
        Runnable withIds = () -> {
            try (LogIds.Scope ids = LogIds.of(result)) {
                line.run();
            }
        };
        Context current = Vertx.currentContext();
        if (current == null || VertxContext.isDuplicatedContext(current)) {
            withIds.run();
        } else {
            ((ContextInternal) current).duplicate().dispatch(withIds);
        }
    }

    private Message<CheckResult> resultMessage(Message<byte[]> request, CheckResult result) {
        metrics.checked(result);
        if (LOG.isDebugEnabled()) {
            logAbout(result, () -> LOG.debugf("checked %s: %s %s (%s)", result.url(), result.outcome(), result.statusCode(),
                    Positions.of(request)));
        }
        return request.withPayload(result)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.url()).build())
                .withAck(() -> request.ack().whenComplete((v, e) -> pendingWork.settled()))
                .withNack(error -> {
                    logAbout(result, () -> LOG.errorf(error, "result for %s not published (%s); the request stays uncommitted",
                            result.url(), Positions.of(request)));
                    return request.nack(error).whenComplete((v, e) -> pendingWork.settled());
                });
    }
}
