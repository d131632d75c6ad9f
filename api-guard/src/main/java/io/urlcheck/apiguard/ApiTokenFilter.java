package io.urlcheck.apiguard;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Rejects requests to the guarded paths that lack the configured bearer token, before any route
 * (JAX-RS or raw Vert.x) sees them. Without a token nothing is checked here: the service then
 * binds to loopback only (see {@link BindAddressConfigFactory}).
 */
@ApplicationScoped
public class ApiTokenFilter {

    /** Runs before the routes and before body handling, so an unauthorized upload is never read. */
    static final int PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);

    private final ApiGuardConfig config;

    public ApiTokenFilter(ApiGuardConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        config.token().filter(t -> !t.isBlank()).ifPresentOrElse(
                token -> {
                    BearerToken bearer = new BearerToken(token);
                    List<String> guarded = config.guardedPaths();
                    filters.register(ctx -> check(ctx, bearer, guarded), PRIORITY);
                    LOG.infof("API token required on %s", guarded);
                },
                () -> LOG.info("No urlcheck.api.token set: the HTTP API accepts loopback connections only"));
    }

    private static void check(RoutingContext ctx, BearerToken bearer, List<String> guarded) {
        String path = ctx.normalizedPath();
        boolean isGuarded = guarded.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
        if (!isGuarded || bearer.accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
            return;
        }
        LOG.debugf("Refused %s %s from %s: missing or wrong bearer token", ctx.request().method(), path,
                ctx.request().remoteAddress());
        ctx.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer realm=\"urlcheck\"")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"error\":\"missing or invalid bearer token\"}");
    }
}
