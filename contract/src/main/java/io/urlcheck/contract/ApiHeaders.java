package io.urlcheck.contract;

/** HTTP header names the services' APIs and their clients (the launcher, scripts) agree on. */
public final class ApiHeaders {

    /**
     * Names the calling program on a state-changing request. Without an API token the services accept
     * a {@code text/plain} or multipart POST only with this header: a cross-site form cannot send it, and a
     * cross-site script cannot either without a CORS preflight, which the services never grant.
     */
    public static final String CLIENT = "X-Urlcheck-Client";

    private ApiHeaders() {
    }
}
