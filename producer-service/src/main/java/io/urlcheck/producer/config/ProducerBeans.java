package io.urlcheck.producer.config;

import io.smallrye.common.annotation.Identifier;
import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.producer.DedupSets;
import io.urlcheck.producer.IntakeJobs;
import io.urlcheck.producer.JobIds;
import io.urlcheck.producer.JobRegistry;
import io.urlcheck.producer.JobSubmitter;
import io.urlcheck.producer.OutboxFactory;
import io.urlcheck.producer.messaging.KafkaPublishedTotals;
import io.urlcheck.producer.messaging.MonitorStore;
import io.urlcheck.producer.metrics.ProducerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Builds the pure domain objects from the configuration, so the domain stays free of CDI. */
@ApplicationScoped
public class ProducerBeans {

    @Produces
    @ApplicationScoped
    UrlNormalizer normalizer(ProducerSettings settings) {
        return new UrlNormalizer(settings.maxUrlLength());
    }

    @Produces
    @ApplicationScoped
    JobRegistry registry(ProducerSettings settings) {
        return new JobRegistry(settings.rememberedJobs());
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /** One budget for every job's dedup set, API and intake alike: the sum, not each, must fit the heap. */
    @Produces
    @ApplicationScoped
    DedupSets dedupSets(ProducerSettings settings) {
        return new DedupSets(settings.dedupMaxUrls(), (long) (Runtime.getRuntime().maxMemory() * settings.dedupHeapShare()));
    }

    @Produces
    @ApplicationScoped
    IntakeJobs intakeJobs(UrlNormalizer normalizer, DedupSets dedupSets, Clock clock, JobRegistry registry,
                          ProducerSettings settings, ProducerMetrics metrics) {
        // HOSTNAME is the pod's name on Kubernetes; with a random suffix, each process is its own contributor.
        return new IntakeJobs(normalizer, dedupSets, settings.intakeMaxOpenJobs(), clock, registry,
                JobIds.process(System.getenv("HOSTNAME"), UUID.randomUUID()), metrics.ingestion(ProducerMetrics.Source.intake));
    }

    @Produces
    @ApplicationScoped
    MonitorStore monitorStore(@Identifier("default-kafka-broker") Map<String, Object> kafka, ProducerSettings settings) {
        return new MonitorStore(kafka, settings.kafka(), settings.ackTimeout(), settings.monitors().catchUpTimeout());
    }

    void closeMonitorStore(@Disposes MonitorStore store) {
        store.close();
    }

    @Produces
    @ApplicationScoped
    KafkaPublishedTotals publishedTotals(@Identifier("default-kafka-broker") Map<String, Object> kafka, ProducerSettings settings,
                                         Clock clock) {
        return new KafkaPublishedTotals(kafka, settings.jobLookupLookback(), settings.jobLookupTimeout(), clock);
    }

    void closePublishedTotals(@Disposes KafkaPublishedTotals totals) {
        totals.close();
    }

    @Produces
    @ApplicationScoped
    JobSubmitter submitter(UrlNormalizer normalizer, OutboxFactory outboxes, JobRegistry registry, Clock clock,
                           DedupSets dedupSets, ProducerSettings settings) {
        return new JobSubmitter(normalizer, outboxes, registry, clock, new JobSubmitter.Limits(settings.maxLineBytes(),
                dedupSets, settings.progressInterval(), settings.ackTimeout()));
    }
}
