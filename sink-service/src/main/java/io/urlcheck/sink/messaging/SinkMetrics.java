package io.urlcheck.sink.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.urlcheck.contract.Topics;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The sink's metrics at {@code /q/metrics}: stored results, redeliveries skipped, undecodable records, every
 * record set aside on {@code urlcheck.dead-letter} by source topic and cause
 * ({@code urlcheck_sink_dead_letters_total{topic, cause="undecodable"|"rejected"}}), the store's write latency
 * and batch size, its errors by kind (an outage is {@code transient}, a refusal for good is {@code data}), and
 * how long a summary takes to compute. The fixed series are registered at start, so dashboards see zeros.
 */
@ApplicationScoped
public class SinkMetrics {

    /** The cause of a dead letter: it could not be decoded, or the store refused it for good. */
    public enum Cause { undecodable, rejected }

    /** A failed store write: the store was unavailable (retried), or it refused the data for good. */
    public enum ErrorKind {
        TRANSIENT, DATA;

        /** The {@code kind} label: {@code transient} or {@code data}. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter redelivered;
    private final Counter undecodable;
    private final Timer write;
    private final DistributionSummary batchSize;
    private final Counter transientErrors;
    private final Counter dataErrors;
    private final Timer summary;

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = registry.counter("urlcheck.sink.results.stored");
        this.redelivered = registry.counter("urlcheck.sink.results.redelivered");
        this.undecodable = registry.counter("urlcheck.sink.results.undecodable");
        this.write = Timer.builder("urlcheck.sink.store.write.duration")
                .description("One write of a batch of results to the store, successful or not")
                .publishPercentileHistogram().register(registry);
        this.batchSize = DistributionSummary.builder("urlcheck.sink.store.batch.size")
                .description("Results per store write").publishPercentileHistogram().register(registry);
        this.transientErrors = storeErrors(registry, ErrorKind.TRANSIENT);
        this.dataErrors = storeErrors(registry, ErrorKind.DATA);
        for (String topic : List.of(Topics.RESULTS, Topics.JOBS)) {
            for (Cause cause : Cause.values()) {
                registry.counter("urlcheck.sink.dead.letters", "topic", topic, "cause", cause.name());
            }
        }
        this.summary = Timer.builder("urlcheck.sink.summary.duration")
                .description("Computing a summary the cache did not have")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter storeErrors(MeterRegistry registry, ErrorKind kind) {
        return Counter.builder("urlcheck.sink.store.errors").description("Failed store writes, by kind")
                .tag("kind", kind.label()).register(registry);
    }

    void stored(int fresh, int duplicates) {
        stored.increment(fresh);
        redelivered.increment(duplicates);
    }

    void undecodable() {
        undecodable.increment();
    }

    void deadLettered(String topic, Cause cause) {
        registry.counter("urlcheck.sink.dead.letters", "topic", topic, "cause", cause.name()).increment();
    }

    /** Runs one write of {@code size} results, timing it and counting its size. */
    <T> T write(int size, Supplier<T> write) {
        batchSize.record(size);
        return this.write.record(write);
    }

    void storeError(ErrorKind kind) {
        (kind == ErrorKind.TRANSIENT ? transientErrors : dataErrors).increment();
    }

    /** Times the computation of a summary. */
    public <T> T summary(Supplier<T> compute) {
        return summary.record(compute);
    }
}
