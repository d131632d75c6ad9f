package io.urlcheck.worker.notify;

import java.time.Duration;

/**
 * When a webhook delivery is done, tried again, or given up: 2xx is delivered; 408, 429, 5xx and no answer at
 * all are retried after an exponential backoff ({@code backoffBase} doubled per retry, at most
 * {@code backoffMax}, or the webhook's Retry-After when longer, cut to {@code backoffMax}) while the next try
 * would still start within {@code budget} of the first; any other status, and a refused target, is final.
 *
 * @param backoffBase the wait before the first retry
 * @param backoffMax  the longest wait between two tries
 * @param budget      no try starts later than this after the first one
 */
public record DeliveryRules(Duration backoffBase, Duration backoffMax, Duration budget) {

    /** What to do after an attempt. */
    public sealed interface Decision {
    }

    /** The webhook took the event. */
    public record Delivered() implements Decision {
    }

    /** Try again after {@code delay}. */
    public record Retry(Duration delay) implements Decision {
    }

    /** Stop: the event goes to the undelivered topic with {@code reason}. */
    public record GiveUp(String reason) implements Decision {
    }

    /** Checks the durations. */
    public DeliveryRules {
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0 || budget.isNegative()) {
            throw new IllegalArgumentException("need 0 <= backoff base <= backoff max and a budget >= 0; got "
                    + backoffBase + ", " + backoffMax + ", " + budget);
        }
    }

    /** Whether an answer with {@code status} is worth another try: timeouts, rate limits and server errors. */
    public static boolean isRetried(int status) {
        return status == 408 || status == 429 || status >= 500 && status <= 599;
    }

    /** The wait before retry number {@code retry} (1 = the second try): base x 2^(retry-1), at most the maximum. */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1; got " + retry);
        }
        int doublings = Math.min(retry - 1, 62);
        long nanos = backoffBase.toNanos();
        long scaled = nanos > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : nanos << doublings;
        return Duration.ofNanos(Math.min(scaled, backoffMax.toNanos()));
    }

    /** The decision after try number {@code attempts} (1 = the first) ended as {@code attempt}, {@code elapsed} after the first began. */
    public Decision decide(WebhookAttempt attempt, int attempts, Duration elapsed) {
        if (attempt instanceof WebhookAttempt.Answered answered) {
            int status = answered.status();
            if (status >= 200 && status <= 299) {
                return new Delivered();
            }
            if (isRetried(status)) {
                return retryOrGiveUp("answered " + status, answered.retryAfter(), attempts, elapsed);
            }
            return new GiveUp("answered " + status + (status >= 300 && status <= 399 ? " (redirects are not followed)" : "")
                    + ", which is not retried");
        }
        if (attempt instanceof WebhookAttempt.Failed failed) {
            return retryOrGiveUp(failed.reason(), null, attempts, elapsed);
        }
        return new GiveUp("refused: " + ((WebhookAttempt.Refused) attempt).reason());
    }

    private Decision retryOrGiveUp(String last, Duration retryAfter, int attempts, Duration elapsed) {
        Duration delay = backoff(attempts);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(backoffMax) > 0 ? backoffMax : retryAfter;
        }
        if (elapsed.plus(delay).compareTo(budget) > 0) {
            return new GiveUp(last + " on try " + attempts + "; the retry budget of " + budget.toSeconds()
                    + "s is spent");
        }
        return new Retry(delay);
    }
}
