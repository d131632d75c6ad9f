package io.urlcheck.sink.store.json;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.store.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.function.ToDoubleFunction;

/**
 * Shows how full the JSON store's index is: gauges at {@code /q/metrics} and the readiness check
 * {@code sink-json-store}, down while the store replays its files and once it is full (with the reason).
 * Opening the store at start-up (rather than at the first request) starts its replay early.
 */
@Readiness
@ApplicationScoped
public class JsonStoreMonitor implements HealthCheck {

    private final ResultStore store;
    private final SinkConfig config;

    public JsonStoreMonitor(ResultStore store, SinkConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Registers the gauges once, at start-up: the only time the monitor needs the registry. */
    void onStart(@Observes StartupEvent event, MeterRegistry registry) {
        JsonResultStore json = json();
        if (json == null) {
            return;
        }
        gauge(registry, "urlcheck.sink.json.full", "1 when the index is full and new results are refused (they wait in Kafka)", json,
                s -> s.fullReason() == null ? 0 : 1);
        gauge(registry, "urlcheck.sink.json.index.bytes", "estimated heap held by the index", json, s -> s.capacity().bytes());
        gauge(registry, "urlcheck.sink.json.index.budget.bytes", "heap the index may hold (urlcheck.sink.json.index-heap-percent)", json,
                s -> s.capacity().budgetBytes());
        gauge(registry, "urlcheck.sink.json.index.checks", "checks the index holds", json, s -> s.capacity().checks());
        gauge(registry, "urlcheck.sink.json.index.urls", "URLs the index holds", json, s -> s.capacity().urls());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("sink-json-store");
        JsonResultStore json = json();
        if (json == null) {
            return check.up().withData("store", config.store().name()).build();
        }
        JsonResultStore.Capacity c = json.capacity();
        check.status(json.replayed() && json.fullReason() == null)
                .withData("checks", c.checks()).withData("urls", c.urls())
                .withData("indexMegabytes", c.bytes() >> 20).withData("budgetMegabytes", c.budgetBytes() >> 20);
        if (!json.replayed()) {
            check.withData("replaying", true);
        }
        if (json.fullReason() != null) {
            check.withData("full", json.fullReason());
        }
        return check.build();
    }

    /** The JSON store, or null when another store is in use. */
    private JsonResultStore json() {
        return config.store() == SinkConfig.StoreKind.json ? (JsonResultStore) ClientProxy.unwrap(store) : null;
    }

    private static void gauge(MeterRegistry registry, String name, String description, JsonResultStore json, ToDoubleFunction<JsonResultStore> value) {
        Gauge.builder(name, json, value).description(description).strongReference(true).register(registry);
    }
}
