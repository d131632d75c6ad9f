package io.urlcheck.worker;

import io.urlcheck.contract.Outcome;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When to try a check again and how long to wait first. Transient failures (timeouts, refused or
 * broken connections, 5xx but those in {@link #PERMANENT_5XX}, 429) are retried up to {@code maxRetries} times. The wait is exponential
 * backoff with full jitter, {@code random(0, min(max, base * 2^(n-1)))}, unless the server sent a
 * {@code Retry-After}, which is honoured up to {@code retryAfterCap}.
 */
public record RetryPolicy(int maxRetries, Duration base, Duration max, Duration retryAfterCap, DoubleSupplier random) {

    /**
     * The 5xx statuses that state a fact about the server, not an outage, so asking again gets the same answer:
     * 501 Not Implemented, 505 HTTP Version Not Supported, 506 Variant Also Negotiates, 508 Loop Detected,
     * 510 Not Extended.
     */
    static final Set<Integer> PERMANENT_5XX = Set.of(501, 505, 506, 508, 510);

    /** True when an attempt that ended with {@code outcome} (and {@code status}, if any) is worth repeating. */
    public boolean isTransient(Outcome outcome, Integer status) {
        return switch (outcome) {
            case TIMEOUT, CONNECTION_REFUSED, CONNECTION_ERROR -> true;
            case HTTP_ERROR -> status != null && (status >= 500 && !PERMANENT_5XX.contains(status) || status == 429);
            default -> false;
        };
    }

    /**
     * True when an attempt whose last hop ended with {@code last} (a response or a failure) and {@code outcome} is worth
     * repeating: as {@link #isTransient} says, unless the failure knows better ({@link HopResult.Recurrence}).
     */
    public boolean isTransient(HopResult last, Outcome outcome) {
        if (last instanceof HopResult.Failure failure) {
            return switch (failure.recurrence()) {
                case PERMANENT -> false;
                case OUTAGE -> true;
                case BY_OUTCOME -> isTransient(outcome, null);
            };
        }
        return isTransient(outcome, ((HopResult.Response) last).status());
    }

    /** True when attempt number {@code attempt} (1-based) may be followed by another. */
    public boolean mayRetryAfter(int attempt) {
        return mayRetryAfter(attempt, maxRetries);
    }

    /** True when attempt number {@code attempt} (1-based) may be followed by another, for a job allowing {@code retries}. */
    public boolean mayRetryAfter(int attempt, int retries) {
        return attempt <= retries;
    }

    /**
     * How long a host that sent {@code answer} wants no new request: a {@code 429}, or a {@code 503} with a
     * {@code Retry-After}, asks for less (its {@code Retry-After}, capped, or the first backoff); any other answer, no
     * pause (zero), found without reading its headers.
     */
    public Duration hostPause(HopResult.Response answer, Clock clock) {
        int status = answer.status();
        if (status != 429 && status != 503) {
            return Duration.ZERO;
        }
        Optional<Duration> retryAfter = RetryAfter.parse(answer.header("retry-after"), clock.instant());
        if (status == 503 && retryAfter.isEmpty()) {
            return Duration.ZERO;
        }
        return retryAfter.map(asked -> asked.compareTo(retryAfterCap) > 0 ? retryAfterCap : asked).orElse(base);
    }

    /** The wait before retry number {@code retry} (1-based), honouring {@code retryAfter} up to the cap. */
    public Duration delay(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(retryAfterCap) > 0 ? retryAfterCap : asked;
        }
        long ceiling = base.toMillis() << Math.min(30, Math.max(0, retry - 1));
        long bounded = Math.min(max.toMillis(), ceiling);
        return Duration.ofMillis((long) (random.getAsDouble() * bounded));
    }
}
