package io.urlcheck.sink.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.sink.MonitorStatus;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.store.MonitorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The monitors' metrics: {@code urlcheck_monitor_urls{monitor, state="up"|"down"}} and
 * {@code urlcheck_monitor_last_run_timestamp_seconds{monitor}} for every monitor on {@code urlcheck.monitors}
 * (read from the store every {@code urlcheck.sink.monitors.metrics-interval}, so every sink replica reports the
 * same), and {@code urlcheck_sink_events_total{type}}, the events this sink raised (every type from the start).
 */
@ApplicationScoped
public class MonitorMetrics {

    private static final Logger LOG = Logger.getLogger(MonitorMetrics.class);

    private final MonitorStore store;
    private final MonitorTable monitors;
    private final Duration interval;
    private final MultiGauge urls;
    private final MultiGauge lastRun;
    private final Map<MonitorEvent.Type, Counter> raised = new EnumMap<>(MonitorEvent.Type.class);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("urlcheck-monitor-metrics"));

    public MonitorMetrics(MeterRegistry registry, MonitorStore store, MonitorTable monitors, SinkConfig config) {
        this.store = store;
        this.monitors = monitors;
        this.interval = config.monitors().metricsInterval();
        this.urls = MultiGauge.builder("urlcheck.monitor.urls")
                .description("URLs of a monitor whose latest result is (down) or is not (up) a failure").register(registry);
        this.lastRun = MultiGauge.builder("urlcheck.monitor.last.run.timestamp.seconds")
                .description("The tick of a monitor's newest run with results, in epoch seconds").register(registry);
        for (MonitorEvent.Type type : MonitorEvent.Type.values()) {
            raised.put(type, Counter.builder("urlcheck.sink.events").description("Events raised, by type")
                    .tag("type", type.name()).register(registry));
        }
    }

    void start(@Observes StartupEvent event) {
        refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
    }

    /** Counts {@code events} as raised. */
    void raised(List<MonitorEvent> events) {
        events.forEach(e -> raised.get(e.type()).increment());
    }

    private void refresh() {
        try {
            Map<String, MonitorStatus> statuses = store.statuses();
            List<MultiGauge.Row<?>> urlRows = new ArrayList<>();
            List<MultiGauge.Row<?>> runRows = new ArrayList<>();
            for (String name : monitors.all().keySet()) {
                MonitorStatus status = statuses.getOrDefault(name, MonitorStatus.NONE);
                urlRows.add(MultiGauge.Row.of(Tags.of("monitor", name, "state", "up"), status.up()));
                urlRows.add(MultiGauge.Row.of(Tags.of("monitor", name, "state", "down"), status.down()));
                if (status.lastRun() != null) {
                    runRows.add(MultiGauge.Row.of(Tags.of("monitor", name), status.lastRun().getEpochSecond()));
                }
            }
            urls.register(urlRows, true);
            lastRun.register(runRows, true);
        } catch (RuntimeException e) {
            LOG.warnf("could not refresh the monitors' gauges (kept as they were): %s", e.toString());
        }
    }
}
