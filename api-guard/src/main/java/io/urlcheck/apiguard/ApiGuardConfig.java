package io.urlcheck.apiguard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** How the producer's and sink's HTTP APIs are guarded. */
@ConfigMapping(prefix = "urlcheck.api")
public interface ApiGuardConfig {

    /** The property naming the token; read by the config factory before mappings exist. */
    String TOKEN_PROPERTY = "urlcheck.api.token";

    /** Bearer token every guarded request must carry; unset means the service listens on loopback only. */
    Optional<String> token();

    /** Path prefixes that require the token; everything else (health, metrics, the dashboard's files) stays open. */
    @WithDefault("/api")
    List<String> guardedPaths();
}
