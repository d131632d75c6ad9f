package io.urlcheck.worker.notify;

import io.urlcheck.worker.support.FakeTime;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The notifier's delivery of one event to its webhooks, on fake time and a scripted sender. */
class NotifierTest {

    private static final String HOOK = "https://hooks.example.com/services/T000/B000/secret";
    private static final String OTHER = "https://other.example.com/hook";
    private static final byte[] BODY = "{\"text\":\"[site] BROKEN https://a.example/\"}".getBytes(StandardCharsets.UTF_8);

    private final FakeTime time = new FakeTime();
    private final ScriptedSender sender = new ScriptedSender();
    private final List<String> counted = new ArrayList<>();
    private final Notifier notifier = new Notifier(sender,
            new DeliveryRules(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5)),
            new RecentDeliveries(100, Duration.ofHours(1), time::nanoTime), time, time::nanoTime, new Notifier.Listener() {
                @Override
                public void deliveryEnded(Notifier.Outcome outcome) {
                    counted.add(outcome.name());
                }

                @Override
                public void deliveryRetrying(Duration delay) {
                    counted.add("RETRIED " + delay.toSeconds() + "s");
                }
            });

    @Test
    void twoServerErrorsThenOkIsDeliveredOnceAfterTwoBackoffs() {
        sender.script(HOOK, answered(503), answered(503), answered(200));

        CompletableFuture<List<Notifier.Result>> results = notifier.deliver("e1", BODY, List.of(HOOK));
        assertThat(sender.posts(HOOK)).isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(sender.posts(HOOK)).isEqualTo(2);
        time.advance(Duration.ofSeconds(2));

        assertThat(results).isCompletedWithValue(List.of(new Notifier.Result(HOOK, Notifier.Outcome.DELIVERED, null)));
        assertThat(sender.posts(HOOK)).isEqualTo(3);
        assertThat(counted).containsExactly("RETRIED 1s", "RETRIED 2s", "DELIVERED");
    }

    @Test
    void aRefusalIsUndeliverableWithTheWebhookRedactedInTheReason() {
        sender.script(HOOK, answered(404));

        List<Notifier.Result> results = notifier.deliver("e1", BODY, List.of(HOOK)).join();

        assertThat(results).containsExactly(new Notifier.Result(HOOK, Notifier.Outcome.UNDELIVERABLE,
                "https://hooks.example.com/… answered 404, which is not retried"));
        assertThat(results.get(0).reason()).doesNotContain("secret");
    }

    @Test
    void eachWebhookEndsOnItsOwn() {
        sender.script(HOOK, answered(200));
        sender.script(OTHER, new WebhookAttempt.Refused("169.254.169.254 is in blocked range 169.254.0.0/16"));

        assertThat(notifier.deliver("e1", BODY, List.of(HOOK, OTHER)).join()).extracting(Notifier.Result::outcome)
                .containsExactly(Notifier.Outcome.DELIVERED, Notifier.Outcome.UNDELIVERABLE);
    }

    @Test
    void theSameEventIsNotPostedTwiceToTheSameWebhookButIsToAnother() {
        sender.script(HOOK, answered(200));
        sender.script(OTHER, answered(200));
        notifier.deliver("e1", BODY, List.of(HOOK)).join();

        assertThat(notifier.deliver("e1", BODY, List.of(HOOK, OTHER)).join()).extracting(Notifier.Result::outcome)
                .containsExactly(Notifier.Outcome.DUPLICATE, Notifier.Outcome.DELIVERED);
        assertThat(sender.posts(HOOK)).isEqualTo(1);
        assertThat(notifier.deliver("e2", BODY, List.of(HOOK)).join()).extracting(Notifier.Result::outcome)
                .containsExactly(Notifier.Outcome.DELIVERED);
    }

    @Test
    void aRepeatWhileTheFirstIsStillRetryingWaitsForItAndIsNotPosted() {
        sender.script(HOOK, answered(503), answered(200));
        CompletableFuture<List<Notifier.Result>> first = notifier.deliver("e1", BODY, List.of(HOOK));
        CompletableFuture<List<Notifier.Result>> repeat = notifier.deliver("e1", BODY, List.of(HOOK));
        assertThat(repeat).isNotDone();

        time.advance(Duration.ofSeconds(1));

        assertThat(first.join()).extracting(Notifier.Result::outcome).containsExactly(Notifier.Outcome.DELIVERED);
        assertThat(repeat.join()).extracting(Notifier.Result::outcome).containsExactly(Notifier.Outcome.DUPLICATE);
        assertThat(sender.posts(HOOK)).isEqualTo(2);
    }

    @Test
    void aWebhookThatNeverAnswersIsGivenUpOnceTheBudgetIsSpent() {
        sender.always(OTHER, new WebhookAttempt.Failed("no answer within 10000 ms"));

        CompletableFuture<List<Notifier.Result>> results = notifier.deliver("e1", BODY, List.of(OTHER));
        time.advance(Duration.ofMinutes(6));

        assertThat(results.join().get(0).reason()).isEqualTo("https://other.example.com/… no answer within 10000 ms on try 10;"
                + " the retry budget of 300s is spent");
        assertThat(sender.posts(OTHER)).isEqualTo(10); // at 0, 1, 3, 7, 15, 31, 63, 123, 183 and 243 s; the next would be at 303
    }

    private static WebhookAttempt answered(int status) {
        return new WebhookAttempt.Answered(status, null);
    }

    /** Answers each webhook's posts from its script, in order; then repeats the last answer. */
    private static final class ScriptedSender implements WebhookSender {
        private final Map<String, Deque<WebhookAttempt>> scripts = new ConcurrentHashMap<>();
        private final Map<String, Integer> posts = new ConcurrentHashMap<>();

        void script(String webhook, WebhookAttempt... answers) {
            scripts.put(webhook, new ArrayDeque<>(List.of(answers)));
        }

        void always(String webhook, WebhookAttempt answer) {
            script(webhook, answer);
        }

        int posts(String webhook) {
            return posts.getOrDefault(webhook, 0);
        }

        @Override
        public CompletableFuture<WebhookAttempt> post(String webhook, String eventId, byte[] body) {
            posts.merge(webhook, 1, Integer::sum);
            Deque<WebhookAttempt> script = scripts.get(webhook);
            WebhookAttempt answer = script.size() > 1 ? script.poll() : script.peek();
            return CompletableFuture.completedFuture(answer);
        }
    }
}
