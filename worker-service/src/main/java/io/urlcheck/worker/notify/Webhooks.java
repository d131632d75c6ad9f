package io.urlcheck.worker.notify;

import java.net.URI;
import java.net.URISyntaxException;

/** How a webhook is named in logs and dead-letter reasons: its path and query often carry a secret token. */
public final class Webhooks {

    private Webhooks() {
    }

    /** {@code https://hooks.example.com/…}: scheme and authority without user info, the rest hidden. */
    public static String redacted(String webhook) {
        try {
            URI uri = new URI(webhook);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
            }
        } catch (URISyntaxException e) {
            // fall through: nothing of an unreadable URL is shown
        }
        return "(unreadable webhook URL)";
    }
}
