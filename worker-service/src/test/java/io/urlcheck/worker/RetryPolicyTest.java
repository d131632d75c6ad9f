package io.urlcheck.worker;

import io.urlcheck.contract.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(30), () -> 1.0);

    @Test
    void transientFailuresAreRetriedAndVerdictsAreNot() {
        assertThat(policy.isTransient(Outcome.TIMEOUT, null)).isTrue();
        assertThat(policy.isTransient(Outcome.CONNECTION_REFUSED, null)).isTrue();
        assertThat(policy.isTransient(Outcome.CONNECTION_ERROR, null)).isTrue();
        assertThat(policy.isTransient(Outcome.HTTP_ERROR, 503)).isTrue();
        assertThat(policy.isTransient(Outcome.HTTP_ERROR, 429)).isTrue();
        assertThat(policy.isTransient(Outcome.HTTP_ERROR, 404)).isFalse();
        assertThat(policy.isTransient(Outcome.DNS_FAILURE, null)).isFalse();
        assertThat(policy.isTransient(Outcome.TLS_ERROR, null)).isFalse();
        assertThat(policy.isTransient(Outcome.BLOCKED, null)).isFalse();
        assertThat(policy.isTransient(Outcome.OK, 200)).isFalse();
    }

    @Test
    void fiveHundredsThatStatePermanentFactsAreNotRetriedWhileOutagesAre() {
        for (int outage : new int[] {500, 502, 503, 504, 507, 511, 520, 599}) {
            assertThat(policy.isTransient(Outcome.HTTP_ERROR, outage)).as("HTTP %d", outage).isTrue();
        }
        for (int permanent : new int[] {501, 505, 506, 508, 510}) {
            assertThat(policy.isTransient(Outcome.HTTP_ERROR, permanent)).as("HTTP %d", permanent).isFalse();
        }
    }

    @Test
    void retriesStopAfterMaxRetries() {
        assertThat(policy.mayRetryAfter(1)).isTrue();
        assertThat(policy.mayRetryAfter(2)).isTrue();
        assertThat(policy.mayRetryAfter(3)).isFalse();
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        assertThat(policy.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2, Optional.empty())).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(5, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(60, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void backoffIsJitteredBelowItsCeiling() {
        RetryPolicy half = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

        assertThat(half.delay(2, Optional.empty())).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retryAfterIsHonouredUpToTheCap() {
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 00:00:30 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void aHostIsPausedWhenItSaysItGetsTooManyRequestsForItsRetryAfterCappedOrTheFirstBackoff() {
        assertThat(policy.hostPause(answer(429, "5"), CLOCK)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.hostPause(answer(429, "3600"), CLOCK)).as("capped").isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.hostPause(answer(429, null), CLOCK)).as("the first backoff").isEqualTo(Duration.ofMillis(100));
        assertThat(policy.hostPause(answer(503, "2"), CLOCK)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.hostPause(answer(503, null), CLOCK)).as("a 503 alone is an outage, not a request to slow down")
                .isZero();
        assertThat(policy.hostPause(answer(200, "2"), CLOCK)).isZero();
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

    private static HopResult.Response answer(int status, String retryAfter) {
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter);
        return new HopResult.Response(status, headers, new byte[0], 0, false, null, 0, null, null);
    }
}
