package io.urlcheck.sink.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Derives {@code quarkus.datasource.active} from {@code urlcheck.sink.store}, so that the launcher
 * selects a store with one key: with the JSON store the datasource (and Flyway with it) stays
 * inactive and never connects, even when a JDBC URL is configured. Its ordinal is below
 * application.properties, so an explicit {@code quarkus.datasource.active} still wins.
 */
public class StoreSelection implements ConfigSourceFactory {

    /** Below application.properties (250) and every external source. */
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue store = context.getValue("urlcheck.sink.store");
        boolean postgres = store != null && store.getValue() != null && "postgres".equals(store.getValue().trim());
        return List.of(new MapBackedConfigSource("urlcheck-store-selection", Map.of(
                "quarkus.datasource.active", String.valueOf(postgres)), ORDINAL) {
        });
    }
}
