package io.urlcheck.apiguard;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Binds the HTTP server to loopback when no API token is configured, so an unguarded API is never
 * reachable from the network. Its ordinal sits below application.properties, environment and
 * system properties: an operator who sets {@code quarkus.http.host} explicitly still decides.
 */
public class LoopbackWithoutTokenConfigFactory implements ConfigSourceFactory {

    /** Above Quarkus' built-in defaults, below application.properties (250). */
    static final int ORDINAL = 200;

    static final String HOST_PROPERTY = "quarkus.http.host";
    static final String LOOPBACK = "127.0.0.1";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue token = context.getValue(ApiGuardConfig.TOKEN_PROPERTY);
        boolean hasToken = token != null && token.getValue() != null && !token.getValue().isBlank();
        if (hasToken) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("urlcheck-api-guard-loopback", Map.of(HOST_PROPERTY, LOOPBACK), ORDINAL) {
        });
    }
}
