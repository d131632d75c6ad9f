package io.urlcheck.sink.store;

import io.agroal.api.AgroalDataSource;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.store.json.JsonMonitorStore;
import io.urlcheck.sink.store.postgres.PostgresMonitorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import java.nio.file.Path;

/** Makes the {@link MonitorStore} beside the {@link ResultStore} that {@code urlcheck.sink.store} selects. */
@ApplicationScoped
public class MonitorStoreProducer {

    @Produces
    @ApplicationScoped
    MonitorStore monitorStore(SinkConfig config, Instance<AgroalDataSource> dataSource) {
        return switch (config.store()) {
            case json -> JsonMonitorStore.open(Path.of(config.json().dir()));
            case postgres -> new PostgresMonitorStore(dataSource.get());
        };
    }

    void close(@Disposes MonitorStore store) {
        store.close();
    }
}
