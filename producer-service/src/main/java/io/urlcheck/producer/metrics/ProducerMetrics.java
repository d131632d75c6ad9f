package io.urlcheck.producer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.urlcheck.contract.Rejection;
import io.urlcheck.producer.IngestionMeter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The producer's metrics at {@code /q/metrics}: inputs seen, accepted, rejected by reason and duplicates, per
 * way in ({@code source="file"|"rest"|"intake"}), the time Kafka takes to acknowledge a record, and intake
 * records dead-lettered, and the intake records waiting for their requests' acknowledgements. Every series is registered at start, so a dashboard sees zeros, not gaps.
 */
@ApplicationScoped
public class ProducerMetrics {

    /** A way in: a line-oriented upload (text, uri-list, multipart file), a JSON array, the intake topic, or a monitor's run. */
    public enum Source { file, rest, intake, monitor }

    private final Map<Source, IngestionMeter> meters = new EnumMap<>(Source.class);
    private final Timer publish;
    private final Counter undecodable;
    private final Counter refused;
    private final AtomicLong intakeAwaitingAcks = new AtomicLong();

    public ProducerMetrics(MeterRegistry registry) {
        for (Source source : Source.values()) {
            meters.put(source, new Meter(registry, source));
        }
        this.publish = Timer.builder("urlcheck.producer.publish.duration")
                .description("Time from handing a record to the Kafka client to the broker's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
        this.undecodable = Counter.builder("urlcheck.producer.dead.letters")
                .description("Intake records set aside on urlcheck.dead-letter")
                .tag("reason", "undecodable")
                .register(registry);
        this.refused = Counter.builder("urlcheck.producer.dead.letters")
                .description("Intake records set aside on urlcheck.dead-letter")
                .tag("reason", "too-many-jobs")
                .register(registry);
        Gauge.builder("urlcheck.producer.intake.awaiting.acks", intakeAwaitingAcks, AtomicLong::get)
                .description("Intake records read whose check requests Kafka has not acknowledged yet; stays up through a write stall")
                .register(registry);
    }

    /** The meter that counts the inputs coming in by {@code source}. */
    public IngestionMeter ingestion(Source source) {
        return meters.get(source);
    }

    /** Times a record's publication, from send to acknowledgement. */
    public Timer publish() {
        return publish;
    }

    /** An intake record could not be decoded and was dead-lettered. */
    public void undecodableIntake() {
        undecodable.increment();
    }

    /** An intake record would have opened more intake jobs than the producer keeps, and was dead-lettered. */
    public void refusedIntake() {
        refused.increment();
    }

    /** A batch of {@code records} intake records is being turned into requests and waits for their acknowledgements. */
    public void intakeBatchStarted(int records) {
        intakeAwaitingAcks.addAndGet(records);
    }

    /** The batch of {@link #intakeBatchStarted} is done: acknowledged, or failed. */
    public void intakeBatchEnded(int records) {
        intakeAwaitingAcks.addAndGet(-records);
    }

    /** The counters of one source; rejections by reason, each registered up front. */
    private static final class Meter implements IngestionMeter {
        private final Counter inputs;
        private final Counter accepted;
        private final Counter duplicates;
        private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);

        Meter(MeterRegistry registry, Source source) {
            String tag = source.name();
            inputs = Counter.builder("urlcheck.producer.lines").description("Inputs read: lines, array elements, intake records")
                    .tag("source", tag).register(registry);
            accepted = Counter.builder("urlcheck.producer.accepted").description("Inputs published as check requests")
                    .tag("source", tag).register(registry);
            duplicates = Counter.builder("urlcheck.producer.duplicates").description("Inputs repeating an earlier one of their job")
                    .tag("source", tag).register(registry);
            for (Rejection why : Rejection.values()) {
                rejected.put(why, Counter.builder("urlcheck.producer.rejected").description("Inputs rejected, by reason")
                        .tag("source", tag).tag("reason", why.label()).register(registry));
            }
        }

        @Override
        public void input() {
            inputs.increment();
        }

        @Override
        public void accepted() {
            accepted.increment();
        }

        @Override
        public void rejected(Rejection why) {
            rejected.get(why).increment();
        }

        @Override
        public void duplicate() {
            duplicates.increment();
        }
    }
}
