package io.urlcheck.worker.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.worker.http.HttpChecker;
import io.urlcheck.worker.config.WorkerConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** Turns the stream of check requests into a stream of results, acking each request only after its result was sent. */
@ApplicationScoped
public class RequestProcessor {

    /** The incoming channel: {@code urlcheck.requests}. */
    public static final String REQUESTS = "requests";
    /** The outgoing channel: {@code urlcheck.results}. */
    public static final String RESULTS = "results";

    private final HttpChecker checker;
    private final int concurrency;

    public RequestProcessor(Vertx vertx, WorkerConfig config) {
        this.checker = new HttpChecker(vertx, config.requestTimeout().toMillis(), config.id().orElse("worker"));
        this.concurrency = config.maxInFlight();
    }

    @Incoming(REQUESTS)
    @Outgoing(RESULTS)
    public Multi<Message<CheckResult>> process(Multi<Message<CheckRequest>> requests) {
        return requests.onItem()
                .transformToUni(msg -> Uni.createFrom().completionStage(checker.check(msg.getPayload()))
                        .map(result -> msg.withPayload(result).addMetadata(
                                OutgoingKafkaRecordMetadata.<String>builder().withKey(result.url()).build())))
                .merge(concurrency);
    }
}
