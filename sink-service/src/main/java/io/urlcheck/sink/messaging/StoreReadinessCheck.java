package io.urlcheck.sink.messaging;

import io.urlcheck.sink.store.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the store refuses writes: the consumer is then stalled, retrying, and results wait in Kafka. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {

    private final StoreHealth health;
    private final ResultStore store;

    public StoreReadinessCheck(StoreHealth health, ResultStore store) {
        this.health = health;
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = health.failure();
        boolean up = failure == null && store.isAvailable();
        var builder = HealthCheckResponse.named("sink-store").status(up);
        if (failure != null) {
            builder.withData("failure", failure).withData("since", String.valueOf(health.failingSince()));
        }
        return builder.build();
    }
}
