package io.urlcheck.producer.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.urlcheck.producer.JobIds;
import io.urlcheck.producer.JobSubmitter;
import io.urlcheck.producer.config.ProducerSettings;
import io.urlcheck.producer.metrics.ProducerMetrics;
import io.urlcheck.producer.monitor.MonitorScheduler;
import io.urlcheck.producer.monitor.SubmittedRuns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Starts this replica's monitor scheduler ({@link SchedulerGroup}) with the service, unless
 * {@code urlcheck.producer.monitors.scheduler=false}, and stops it (leaving the group) on shutdown.
 */
@ApplicationScoped
public class MonitorScheduling {

    private final Map<String, Object> kafka;
    private final MonitorStore store;
    private final JobSubmitter submitter;
    private final ProducerMetrics metrics;
    private final ProducerSettings settings;
    private final Clock clock;
    private SchedulerGroup group;

    public MonitorScheduling(@Identifier("default-kafka-broker") Map<String, Object> kafka, MonitorStore store,
                             JobSubmitter submitter, ProducerMetrics metrics, ProducerSettings settings, Clock clock) {
        this.kafka = kafka;
        this.store = store;
        this.submitter = submitter;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        ProducerSettings.Monitors monitors = settings.monitors();
        if (!monitors.scheduler()) {
            return;
        }
        MonitorScheduler scheduler = new MonitorScheduler(store,
                new SubmittedRuns(submitter, metrics.ingestion(ProducerMetrics.Source.monitor)));
        group = new SchedulerGroup(kafka, store, scheduler, clock, new SchedulerGroup.Settings(SchedulerGroup.GROUP, monitors.sessionTimeout(),
                monitors.checkInterval(), monitors.catchUpTimeout(), "urlcheck-monitor-scheduler-" + JobIds.process(System.getenv("HOSTNAME"), UUID.randomUUID()))).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (group != null) {
            group.close();
        }
    }
}
