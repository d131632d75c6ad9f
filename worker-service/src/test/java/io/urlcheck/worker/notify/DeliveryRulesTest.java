package io.urlcheck.worker.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which webhook answers are retried, after how long, and when delivery is given up. */
class DeliveryRulesTest {

    private final DeliveryRules rules = new DeliveryRules(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));

    @Test
    void backoffDoublesFromTheBaseAndStopsAtTheMaximum() {
        assertThat(rules.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(rules.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(rules.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(rules.backoff(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(rules.backoff(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(rules.backoff(500)).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> rules.backoff(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutsRateLimitsAndServerErrorsAreRetriedOtherStatusesAreNot() {
        assertThat(DeliveryRules.isRetried(408)).isTrue();
        assertThat(DeliveryRules.isRetried(429)).isTrue();
        assertThat(DeliveryRules.isRetried(500)).isTrue();
        assertThat(DeliveryRules.isRetried(503)).isTrue();
        assertThat(DeliveryRules.isRetried(599)).isTrue();
        assertThat(DeliveryRules.isRetried(400)).isFalse();
        assertThat(DeliveryRules.isRetried(401)).isFalse();
        assertThat(DeliveryRules.isRetried(404)).isFalse();
        assertThat(DeliveryRules.isRetried(410)).isFalse();
        assertThat(DeliveryRules.isRetried(301)).isFalse();
    }

    @Test
    void anyTwoHundredIsDelivered() {
        assertThat(rules.decide(answered(200), 1, Duration.ZERO)).isInstanceOf(DeliveryRules.Delivered.class);
        assertThat(rules.decide(answered(204), 3, Duration.ofSeconds(3))).isInstanceOf(DeliveryRules.Delivered.class);
    }

    @Test
    void serverErrorAndNoAnswerAreRetriedAfterTheBackoffOfThatTry() {
        assertThat(rules.decide(answered(503), 1, Duration.ZERO)).isEqualTo(new DeliveryRules.Retry(Duration.ofSeconds(1)));
        assertThat(rules.decide(answered(503), 2, Duration.ofSeconds(1))).isEqualTo(new DeliveryRules.Retry(Duration.ofSeconds(2)));
        assertThat(rules.decide(new WebhookAttempt.Failed("connection refused"), 3, Duration.ofSeconds(3)))
                .isEqualTo(new DeliveryRules.Retry(Duration.ofSeconds(4)));
    }

    @Test
    void aClientErrorOrRedirectIsGivenUpAtOnceSayingWhat() {
        assertThat(rules.decide(answered(404), 1, Duration.ZERO))
                .isEqualTo(new DeliveryRules.GiveUp("answered 404, which is not retried"));
        assertThat(rules.decide(answered(302), 1, Duration.ZERO))
                .isEqualTo(new DeliveryRules.GiveUp("answered 302 (redirects are not followed), which is not retried"));
    }

    @Test
    void aRefusedTargetIsGivenUpAtOnce() {
        assertThat(rules.decide(new WebhookAttempt.Refused("10.0.0.1 is in blocked range 10.0.0.0/8"), 1, Duration.ZERO))
                .isEqualTo(new DeliveryRules.GiveUp("refused: 10.0.0.1 is in blocked range 10.0.0.0/8"));
    }

    @Test
    void noTryStartsPastTheBudget() {
        assertThat(rules.decide(answered(503), 8, Duration.ofSeconds(240))).isEqualTo(new DeliveryRules.Retry(Duration.ofSeconds(60)));
        assertThat(rules.decide(answered(503), 9, Duration.ofSeconds(241)))
                .isEqualTo(new DeliveryRules.GiveUp("answered 503 on try 9; the retry budget of 300s is spent"));
    }

    @Test
    void aLongerRetryAfterIsHonouredUpToTheMaximumBackoff() {
        assertThat(rules.decide(new WebhookAttempt.Answered(429, Duration.ofSeconds(20)), 1, Duration.ZERO))
                .isEqualTo(new DeliveryRules.Retry(Duration.ofSeconds(20)));
        assertThat(rules.decide(new WebhookAttempt.Answered(429, Duration.ofHours(1)), 1, Duration.ZERO))
                .isEqualTo(new DeliveryRules.Retry(Duration.ofSeconds(60)));
        assertThat(rules.decide(new WebhookAttempt.Answered(503, Duration.ZERO), 3, Duration.ZERO))
                .isEqualTo(new DeliveryRules.Retry(Duration.ofSeconds(4)));
    }

    private static WebhookAttempt answered(int status) {
        return new WebhookAttempt.Answered(status, null);
    }
}
