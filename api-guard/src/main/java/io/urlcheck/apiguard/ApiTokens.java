package io.urlcheck.apiguard;

import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens a guarded path accepts: the API token, which may do anything, and optionally a read-only token,
 * which may only {@code GET} and {@code HEAD} (a dashboard, a CI job that reads results). Every other method with the
 * read-only token is refused, whatever it is; so is a read-only token without an API token, or equal to it.
 */
public final class ApiTokens {

    /** What a request's {@code Authorization} gets it. */
    public enum Access {
        /** The API token: every method. */
        FULL,
        /** The read-only token, with a method that only reads. */
        READ,
        /** The read-only token, with a method that could change something: 403. */
        READ_ONLY,
        /** No token, or a wrong one: 401. */
        NONE
    }

    /** The methods a read-only token may use: they change nothing on any urlcheck path. */
    static final Set<String> READING = Set.of("GET", "HEAD");

    private final BearerToken token;
    private final BearerToken readToken;

    private ApiTokens(BearerToken token, BearerToken readToken) {
        this.token = token;
        this.readToken = readToken;
    }

    /**
     * The tokens of {@code urlcheck.api.token} and {@code urlcheck.api.read-token}; empty when no API token is set
     * (local callers only).
     *
     * @throws IllegalArgumentException a read-only token without an API token, or equal to it
     */
    public static Optional<ApiTokens> of(Optional<String> token, Optional<String> readToken) {
        Optional<String> full = token.filter(t -> !t.isBlank());
        Optional<String> read = readToken.filter(t -> !t.isBlank());
        if (read.isPresent() && full.isEmpty()) {
            throw new IllegalArgumentException(ApiGuardConfig.READ_TOKEN_PROPERTY + " is set without "
                    + ApiGuardConfig.TOKEN_PROPERTY + ": set the API token too, or remove the read-only one");
        }
        if (read.isPresent() && read.get().equals(full.get())) {
            throw new IllegalArgumentException(ApiGuardConfig.READ_TOKEN_PROPERTY + " equals " + ApiGuardConfig.TOKEN_PROPERTY
                    + ": a read-only token must be another secret");
        }
        return full.map(t -> new ApiTokens(new BearerToken(t), read.map(BearerToken::new).orElse(null)));
    }

    /** What {@code method} with {@code authorization} (the header, or null) may do. */
    public Access access(String method, String authorization) {
        if (token.accepts(authorization)) {
            return Access.FULL;
        }
        if (readToken != null && readToken.accepts(authorization)) {
            return READING.contains(method) ? Access.READ : Access.READ_ONLY;
        }
        return Access.NONE;
    }

    /** True when a read-only token is configured. */
    public boolean hasReadToken() {
        return readToken != null;
    }

    @Override
    public String toString() {
        return "ApiTokens[redacted" + (readToken != null ? ", with a read-only token" : "") + "]";
    }
}
