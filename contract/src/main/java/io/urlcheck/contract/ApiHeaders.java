package io.urlcheck.contract;

/** HTTP header names the services' APIs and their clients (the launcher, scripts) agree on. */
public final class ApiHeaders {

    /**
     * Names the calling program on a state-changing request. Without an API token the services accept
     * a {@code text/plain} or multipart POST only with this header: a cross-site form cannot send it, and a
     * cross-site script cannot either without a CORS preflight, which the services never grant.
     */
    public static final String CLIENT = "X-Urlcheck-Client";

    /**
     * A job's {@link JobOptions} as a JSON object on {@code POST /api/jobs}, for bodies that cannot carry them
     * (text, a JSON array, multipart). Sent as a header rather than a query parameter, because header values
     * in the options are secrets and a URL ends up in access logs.
     */
    public static final String OPTIONS = "X-Urlcheck-Options";

    private ApiHeaders() {
    }
}
