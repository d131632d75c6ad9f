package io.urlcheck.sink.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The sink's counters at {@code /q/metrics}: stored results, redeliveries skipped, undecodable records. */
@ApplicationScoped
public class SinkMetrics {

    private final Counter stored;
    private final Counter redelivered;
    private final Counter undecodable;

    public SinkMetrics(MeterRegistry registry) {
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
}
