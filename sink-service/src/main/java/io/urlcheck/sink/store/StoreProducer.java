package io.urlcheck.sink.store;

import io.agroal.api.AgroalDataSource;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.store.json.JsonResultStore;
import io.urlcheck.sink.store.postgres.PostgresResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Makes the one {@link ResultStore} that {@code urlcheck.sink.store} selects. The datasource is looked
 * up only for the PostgreSQL store: with the JSON store it stays inactive and is never touched.
 */
@ApplicationScoped
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Produces
    @ApplicationScoped
    ResultStore store(SinkConfig config, Instance<AgroalDataSource> dataSource) {
        LOG.infof("store: %s", config.store());
        return switch (config.store()) {
            case json -> JsonResultStore.replayingInBackground(Path.of(config.json().dir()), config.json().snapshotInterval(),
                    JsonResultStore.budgetOf(config.json().indexHeapPercent()));
            case postgres -> new PostgresResultStore(dataSource.get());
        };
    }

    void close(@Disposes ResultStore store) {
        store.close();
    }
}
