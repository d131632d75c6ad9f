package io.urlcheck.contract;

/** One hop of a redirect chain: the URL that was requested and the status it answered with. */
public record Redirect(String url, int statusCode) {

    /** Applies the {@link WireValues} text rule to the URL, and hides its credentials ({@link UrlCredentials}). */
    public Redirect {
        url = UrlCredentials.redact(WireValues.text(url));
    }
}
