package io.urlcheck.sink.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sink's counters at {@code /q/metrics}: stored results, redeliveries skipped, undecodable records,
 * and every record set aside on {@code urlcheck.dead-letter}, by source topic and cause
 * ({@code urlcheck_sink_dead_letters_total{topic, cause="undecodable"|"rejected"}}).
 */
@ApplicationScoped
public class SinkMetrics {

    /** The cause of a dead letter: it could not be decoded, or the store refused it for good. */
    public enum Cause { undecodable, rejected }

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter redelivered;
    private final Counter undecodable;

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = registry.counter("urlcheck.sink.results.stored");
        this.redelivered = registry.counter("urlcheck.sink.results.redelivered");
        this.undecodable = registry.counter("urlcheck.sink.results.undecodable");
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
}
