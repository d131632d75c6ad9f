package io.urlcheck.worker.notify;

import java.time.Duration;

/** What one POST of an event to a webhook came to, as a value: the edge never completes it exceptionally. */
public sealed interface WebhookAttempt {

    /** The webhook answered with {@code status}; {@code retryAfter} is its Retry-After, null when none or unreadable. */
    record Answered(int status, Duration retryAfter) implements WebhookAttempt {
    }

    /** No answer: a timeout, a refused or reset connection, a failed name lookup. Worth another try. */
    record Failed(String reason) implements WebhookAttempt {
    }

    /** The webhook may never be called: its address is blocked by the address policy, or its URL is unusable. */
    record Refused(String reason) implements WebhookAttempt {
    }
}
