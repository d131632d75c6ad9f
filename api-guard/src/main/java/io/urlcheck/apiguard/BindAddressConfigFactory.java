package io.urlcheck.apiguard;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Chooses the HTTP bind address from the API token when the service starts: every interface with a
 * token, loopback only without one, so an unguarded API is never reachable from the network.
 *
 * <p>It always answers, with either value. Quarkus evaluates this factory at build time too, and records
 * what it saw then (no token: loopback) as a run-time default inside the jar; a factory that answered
 * only in the no-token case let that recorded loopback win at run time even with a token set. Answering
 * both ways, at an ordinal above the recorded defaults, makes the run-time token decide.
 *
 * <p>Its ordinal sits below application.properties, environment and system properties: an operator who
 * sets {@code quarkus.http.host} explicitly still decides. The guard itself refuses non-loopback peers
 * when no token is set (see {@link ApiGuardFilter}), whatever the bind address.
 */
public class BindAddressConfigFactory implements ConfigSourceFactory {

    /** Above Quarkus' built-in and build-time recorded defaults, below application.properties (250). */
    static final int ORDINAL = 200;

    static final String HOST_PROPERTY = "quarkus.http.host";
    static final String LOOPBACK = "127.0.0.1";
    static final String ALL_INTERFACES = "0.0.0.0";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue token = context.getValue(ApiGuardConfig.TOKEN_PROPERTY);
        boolean hasToken = token != null && token.getValue() != null && !token.getValue().isBlank();
        String host = hasToken ? ALL_INTERFACES : LOOPBACK;
        return List.of(new MapBackedConfigSource("urlcheck-api-guard-bind-address", Map.of(HOST_PROPERTY, host), ORDINAL) {
        });
    }
}
