package io.urlcheck.contract;

/** One hop of a redirect chain: the URL that was requested and the status it answered with. */
public record Redirect(String url, int statusCode) {
}
