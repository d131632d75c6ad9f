package io.urlcheck.contract;

import java.net.URI;
import java.util.Locale;

/** Small, allocation-light helpers for reading parts of an already-normalized URL. */
public final class UrlParts {

    private UrlParts() {
    }

    /** The lower-case host of {@code url}, or null when it has none or does not parse. */
    public static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
