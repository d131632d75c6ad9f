package io.urlcheck.apiguard;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.urlcheck.contract.ApiHeaders;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deny by default, before any route (JAX-RS, static files, Quarkus' own) sees a request. Public paths
 * ({@link PublicPaths}) pass; everything else must name an allowed host when they are configured
 * ({@link AllowedHosts}, 403 otherwise), and needs the bearer token when one is configured (401
 * otherwise; the read-only token opens them to GET and HEAD alone, 403 for the rest: {@link ApiTokens}),
 * or, without a token, must come from a local, same-origin caller ({@link LocalOnly}, 403 otherwise).
 * The bind address follows the token too ({@link BindAddressConfigFactory}).
 */
@ApplicationScoped
public class ApiGuardFilter {

    /** Runs before the routes and before body handling, so a refused upload is never read. */
    static final int PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(ApiGuardFilter.class);

    private final ApiGuardConfig config;

    public ApiGuardFilter(ApiGuardConfig config) {
        this.config = config;
    }

    void register(@Observes Filters filters) {
        List<String> patterns = new ArrayList<>(config.publicPaths());
        config.staticPaths().ifPresent(patterns::addAll);
        PublicPaths open = PublicPaths.of(patterns);
        Optional<ApiTokens> token = ApiTokens.of(config.token(), config.readToken());
        Optional<AllowedHosts> hosts = config.allowedHosts().map(AllowedHosts::of);
        filters.register(ctx -> check(ctx, open, token, hosts), PRIORITY);
        hosts.ifPresent(h -> LOG.infof("Guarded paths answer only requests whose Host is one of %s", h));
        if (token.isPresent()) {
            LOG.infof("API token required on every path but %s%s", open,
                    token.get().hasReadToken() ? "; the read-only token may GET and HEAD them" : "");
        } else {
            LOG.infof("No urlcheck.api.token set: only local, same-origin clients are served, on every path but %s", open);
        }
    }

    private static void check(RoutingContext ctx, PublicPaths open, Optional<ApiTokens> token, Optional<AllowedHosts> hosts) {
        HttpServerRequest request = ctx.request();
        if (open.admits(request.method().name(), request.path())) {
            ctx.next();
            return;
        }
        if (hosts.isPresent() && !hosts.get().admits(authority(request))) {
            refuse(ctx, 403, "Host " + authority(request) + " is not one of urlcheck.api.allowed-hosts");
            return;
        }
        if (token.isPresent()) {
            switch (token.get().access(request.method().name(), request.getHeader(HttpHeaders.AUTHORIZATION))) {
                case FULL, READ -> ctx.next();
                case READ_ONLY -> refuse(ctx, 403, "the read-only token may only GET and HEAD; "
                        + request.method().name() + " needs " + ApiGuardConfig.TOKEN_PROPERTY);
                case NONE -> refuse(ctx, 401, "missing or invalid bearer token");
            }
            return;
        }
        Optional<String> refusal = LocalOnly.refusal(new LocalOnly.Request(peer(request), request.method().name(),
                authority(request), request.getHeader(HttpHeaders.ORIGIN),
                request.getHeader("Sec-Fetch-Site"), request.getHeader(HttpHeaders.CONTENT_TYPE),
                request.getHeader(ApiHeaders.CLIENT)));
        if (refusal.isEmpty()) {
            ctx.next();
        } else {
            refuse(ctx, 403, refusal.get());
        }
    }

    /** The Host header of HTTP/1.x, the :authority of HTTP/2 (Java's HttpClient upgrades plain http to h2c). */
    private static String authority(HttpServerRequest request) {
        return request.host();
    }

    /** The TCP peer, never a forwarded-for address a proxy header could fake; null if unknown. */
    private static InetAddress peer(HttpServerRequest request) {
        SocketAddress address = request.connection() == null ? null : request.connection().remoteAddress();
        if (address == null || !address.isInetSocket() || address.hostAddress() == null) {
            return null;
        }
        try {
            return InetAddress.getByName(address.hostAddress()); // an IP literal: no name lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void refuse(RoutingContext ctx, int status, String reason) {
        HttpServerRequest request = ctx.request();
        LOG.debugf("Refused %s %s from %s (%d): %s", request.method(), request.path(), request.remoteAddress(), status, reason);
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"urlcheck\"");
        }
        if (request.version() != HttpVersion.HTTP_2) {
            // The body of a refused request is never read; closing spares streaming the rest of it in.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"error\":\"" + jsonEscaped(reason) + "\"}");
    }

    /** {@code s} as the inside of a JSON string: a refusal may quote a header the client sent. */
    static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
