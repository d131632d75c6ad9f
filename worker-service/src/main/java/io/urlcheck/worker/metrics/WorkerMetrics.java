package io.urlcheck.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.CheckEngine;
import io.urlcheck.worker.HostLimiter;
import io.urlcheck.worker.PendingWork;
import io.urlcheck.worker.notify.Notifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The worker's meters at {@code /q/metrics}: checks by outcome, check duration histogram, retries,
 * dead letters, webhook deliveries by outcome, and gauges of the limiter (in flight and its bound, queued,
 * deepest host queue, active hosts) and
 * of requests admitted from Kafka and not yet settled (read from {@link PendingWork}, which shutdown waits on). Per-host gauges would have one time series
 * per host ever seen, so the per-host view is the deepest queue and the count of active hosts.
 * Every meter is registered once, here: a registry lookup per check cost measurable CPU.
 */
@ApplicationScoped
public class WorkerMetrics implements CheckEngine.Listener, Notifier.Listener {

    private final Map<Outcome, Counter> checks = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> retries = new EnumMap<>(Outcome.class);
    private final Timer duration;
    private final Counter deadLetters;
    private final Map<Notifier.Outcome, Counter> deliveries = new EnumMap<>(Notifier.Outcome.class);
    private final Counter deliveryRetries;

    public WorkerMetrics(MeterRegistry registry, HostLimiter limiter, PendingWork pendingWork) {
        for (Outcome outcome : Outcome.values()) {
            checks.put(outcome, Counter.builder("urlcheck.worker.checks").tag("outcome", outcome.name())
                    .description("Checks finished, by outcome").register(registry));
            retries.put(outcome, Counter.builder("urlcheck.worker.retries").tag("outcome", outcome.name())
                    .description("Retries scheduled, by the outcome that caused them").register(registry));
        }
        duration = Timer.builder("urlcheck.worker.check.duration").publishPercentileHistogram()
                .description("Time of the final attempt of a check, redirects and body included").register(registry);
        deadLetters = Counter.builder("urlcheck.worker.dead.letters").description("Undecodable requests dead-lettered")
                .register(registry);
        for (Notifier.Outcome outcome : Notifier.Outcome.values()) {
            deliveries.put(outcome, webhookDeliveries(registry, outcome.name().toLowerCase(Locale.ROOT)));
        }
        deliveryRetries = webhookDeliveries(registry, "retried");
        gauge(registry, "urlcheck.worker.in.flight", "Checks with a request on the wire now", limiter, HostLimiter::inFlight);
        gauge(registry, "urlcheck.worker.in.flight.limit", "The bound on checks in flight, urlcheck.worker.max-in-flight",
                limiter, HostLimiter::maxInFlight);
        gauge(registry, "urlcheck.worker.queued", "Checks waiting for a global or per-host slot", limiter, HostLimiter::queued);
        gauge(registry, "urlcheck.worker.host.queue.depth.max", "Checks waiting for the busiest host",
                limiter, HostLimiter::maxHostQueueDepth);
        gauge(registry, "urlcheck.worker.hosts.active", "Hosts with a check waiting or running", limiter, HostLimiter::activeHosts);
        gauge(registry, "urlcheck.worker.pending", "Requests taken from Kafka whose result is not yet acknowledged",
                pendingWork, PendingWork::pending);
    }

    /** Registers a gauge that reads {@code value} of {@code source} at each scrape. */
    private static <T> void gauge(MeterRegistry registry, String name, String description, T source,
                                  ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    /** Counts a finished check and records its duration. */
    public void checked(CheckResult result) {
        checks.get(result.outcome()).increment();
        if (result.responseTimeMs() != null) {
            duration.record(result.responseTimeMs(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void retrying(CheckRequest request, int attempt, Outcome outcome, Duration delay) {
        retries.get(outcome).increment();
    }

    private static Counter webhookDeliveries(MeterRegistry registry, String outcome) {
        return Counter.builder("urlcheck.worker.webhook.deliveries").tag("outcome", outcome)
                .description("Webhook deliveries of monitor events: delivered, duplicate (dropped), undeliverable, and retried tries")
                .register(registry);
    }

    @Override
    public void deliveryEnded(Notifier.Outcome outcome) {
        deliveries.get(outcome).increment();
    }

    @Override
    public void deliveryRetrying(Duration delay) {
        deliveryRetries.increment();
    }

    /** Counts a record sent to the dead-letter topic. */
    public void deadLettered() {
        deadLetters.increment();
    }

}
