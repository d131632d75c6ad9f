package io.urlcheck.worker.notify;

import java.util.concurrent.CompletableFuture;

/**
 * What the notifier needs from the network, implemented at the edge ({@code http.VertxWebhookSender}): one
 * POST of an event, which completes normally, never exceptionally, within the sender's own timeout.
 */
public interface WebhookSender {

    /** POSTs {@code body} (the event's JSON) to {@code webhook}, naming the event {@code eventId} in its headers. */
    CompletableFuture<WebhookAttempt> post(String webhook, String eventId, byte[] body);
}
