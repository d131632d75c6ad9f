package io.urlcheck.apiguard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** How the producer's and sink's HTTP servers are guarded: everything not public needs the token. */
@ConfigMapping(prefix = "urlcheck.api")
public interface ApiGuardConfig {

    /** The property naming the token; read by the config factory before mappings exist. */
    String TOKEN_PROPERTY = "urlcheck.api.token";

    /** The property naming the read-only token. */
    String READ_TOKEN_PROPERTY = "urlcheck.api.read-token";

    /** Bearer token every non-public request must carry; unset means loopback, same-origin callers only. */
    Optional<String> token();

    /**
     * A second bearer token that may only read: {@code GET} and {@code HEAD} on every guarded path; any other method
     * with it is 403. For dashboards and jobs that read results. Needs {@link #token()}, and must differ from it.
     */
    Optional<String> readToken();

    /** Paths anyone may GET without the token (exact, or a subtree with {@code /*}): probes, Prometheus, the API's description. */
    @WithDefault("/q/health,/q/health/*,/q/metrics,/q/openapi")
    List<String> publicPaths();

    /**
     * Host names (no port; {@code [::1]} for IPv6) a request to a guarded path must name, with the token or without;
     * unset: any. Set where the service is reached by known names, above all where the token is public.
     */
    Optional<List<String>> allowedHosts();

    /** Further public paths for static files a service serves (the sink's dashboard); none by default. */
    Optional<List<String>> staticPaths();
}
