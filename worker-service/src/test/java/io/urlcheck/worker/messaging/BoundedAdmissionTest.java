package io.urlcheck.worker.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.worker.CheckEngine;
import io.urlcheck.worker.HostLimiter;
import io.urlcheck.worker.PendingWork;
import io.urlcheck.worker.RetryPolicy;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.config.WorkerConfig;
import io.urlcheck.worker.http.DnsResolver;
import io.urlcheck.worker.http.VertxHttpPort;
import io.urlcheck.worker.http.VertxScheduler;
import io.urlcheck.worker.metrics.WorkerMetrics;
import io.urlcheck.worker.support.Checkers;
import io.urlcheck.worker.support.HostileServer;
import io.urlcheck.worker.support.Routes;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processor's stream asks its source (the Kafka connector) for at most max-pending records while
 * checks are unfinished: when every slot is busy, demand stops, and the connector pauses fetching.
 * Within that window, another host's requests still get through while one host's slots are full.
 */
class BoundedAdmissionTest {

    private static Vertx vertx;
    private static HostileServer stalled;
    private static HostileServer fine;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        stalled = HostileServer.http(vertx, "127.0.0.1").route("/stall", Routes.stall());
        fine = HostileServer.http(vertx, "127.0.0.2").route("/ok", Routes.status(200));
    }

    @AfterAll
    static void stop() {
        stalled.close();
        fine.close();
        vertx.close();
    }

    @Test
    void demandFromKafkaStopsAtTheWindowWhileAnotherHostStillFlows() {
        WorkerConfig config = config(Map.of("urlcheck.worker.max-in-flight", "4", "urlcheck.worker.max-per-host", "2",
                "urlcheck.worker.max-pending", "10", "urlcheck.worker.request-timeout", "60s",
                "urlcheck.worker.header-timeout", "60s"));
        HostLimiter limiter = new HostLimiter(4, 2, config.perAddressLimit(), 0, System::nanoTime, new VertxScheduler(vertx));
        PendingWork pendingWork = new PendingWork();
        WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry(), limiter, pendingWork);
        CheckEngine engine = new CheckEngine(
                new VertxHttpPort(vertx, new VertxHttpPort.Settings(Duration.ofSeconds(5), Duration.ofSeconds(60), 1 << 20, 2), null),
                new DnsResolver(vertx), limiter, AddressPolicy.allowing(List.of("127.0.0.0/8")),
                new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10), Math::random),
                new VertxScheduler(vertx), System::nanoTime, Clock.systemUTC(),
                new CheckEngine.Settings(10, Duration.ofSeconds(60), "test"), CheckEngine.Listener.both(metrics, pendingWork));
        RequestProcessor processor = new RequestProcessor(engine, null, metrics, pendingWork, config);

        AtomicLong requested = new AtomicLong();
        // Three stalled URLs of one host, then one of another host, then an endless backlog of the stalled host.
        Multi<Message<byte[]>> kafka = Multi.createFrom().range(0, 100_000)
                .map(i -> i == 3 ? fine.url("/ok") : stalled.url("/stall?n=" + i))
                .map(url -> Message.of(JsonCodec.encode(Checkers.request(url))))
                .onRequest().invoke(requested::addAndGet);
        List<CheckResult> results = new CopyOnWriteArrayList<>();
        Cancellable subscription = processor.process(kafka).subscribe().with(m -> results.add(m.getPayload()));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> results.size() == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> stalled.activeNow("/stall") == 2);

            assertThat(results.get(0).url()).isEqualTo(fine.url("/ok"));
            assertThat(requested.get()).as("records asked of Kafka").isEqualTo(config.pendingWindow() + 1);
            assertThat(limiter.inFlight()).isEqualTo(2);
            assertThat(limiter.queued()).isEqualTo(config.pendingWindow() - 2);
            assertThat(stalled.peakConcurrency("/stall")).isEqualTo(2);
        } finally {
            subscription.cancel();
        }
    }

    private static WorkerConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(values).build();
        return config.getConfigMapping(WorkerConfig.class);
    }
}
