package io.urlcheck.worker.notify;

import io.urlcheck.worker.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Delivers one event to each webhook of its monitor by the {@link DeliveryRules}: tries, waits (on the
 * {@link Scheduler}, holding no thread), tries again, until each webhook took it or was given up on. A pair
 * (event id, webhook) delivered lately ({@link RecentDeliveries}), or being delivered now, is not sent again.
 * Never completes exceptionally: each webhook's end is a {@link Result}.
 */
public final class Notifier {

    /** How one webhook's delivery of one event ended. */
    public enum Outcome {
        /** The webhook answered 2xx. */
        DELIVERED,
        /** Delivered lately, or being delivered now by another read of the same event: not sent again. */
        DUPLICATE,
        /** Refused for good, or not taken within the retry budget: the event goes to the undelivered topic. */
        UNDELIVERABLE
    }

    /** One webhook's end; {@code reason} says why it is {@link Outcome#UNDELIVERABLE}, else null. */
    public record Result(String webhook, Outcome outcome, String reason) {
    }

    /** Told of every end and every retry, for metrics. */
    public interface Listener {
        /** A delivery ended as {@code outcome}. */
        void deliveryEnded(Outcome outcome);

        /** A try failed and another is scheduled after {@code delay}. */
        void deliveryRetrying(Duration delay);
    }

    private final WebhookSender sender;
    private final DeliveryRules rules;
    private final RecentDeliveries recent;
    private final Scheduler scheduler;
    private final LongSupplier nanoTime;
    private final Listener listener;
    private final Map<RecentDeliveries.Key, CompletableFuture<Result>> inFlight = new ConcurrentHashMap<>();

    public Notifier(WebhookSender sender, DeliveryRules rules, RecentDeliveries recent, Scheduler scheduler,
                    LongSupplier nanoTime, Listener listener) {
        this.sender = sender;
        this.rules = rules;
        this.recent = recent;
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        this.listener = listener;
    }

    /** Delivers {@code body}, the event {@code eventId}, to every one of {@code webhooks}; one result each, in order. */
    public CompletableFuture<List<Result>> deliver(String eventId, byte[] body, List<String> webhooks) {
        List<CompletableFuture<Result>> each = new ArrayList<>();
        for (String webhook : webhooks) {
            each.add(deliverOnce(new RecentDeliveries.Key(eventId, webhook), body));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Result> deliverOnce(RecentDeliveries.Key key, byte[] body) {
        if (recent.contains(key)) {
            return ended(new Result(key.webhook(), Outcome.DUPLICATE, null));
        }
        CompletableFuture<Result> mine = new CompletableFuture<>();
        CompletableFuture<Result> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.thenApply(r -> new Result(key.webhook(), Outcome.DUPLICATE, null))
                    .thenCompose(this::ended);
        }
        mine.whenComplete((r, e) -> inFlight.remove(key, mine));
        if (recent.contains(key)) { // delivered by a read that ended between the first look and the claim
            mine.complete(new Result(key.webhook(), Outcome.DUPLICATE, null));
        } else {
            attempt(key, body, 1, nanoTime.getAsLong(), mine);
        }
        return mine.thenCompose(this::ended);
    }

    private void attempt(RecentDeliveries.Key key, byte[] body, int attempts, long startNanos, CompletableFuture<Result> done) {
        CompletableFuture<WebhookAttempt> sent;
        try {
            sent = sender.post(key.webhook(), key.eventId(), body);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((attempt, error) -> {
            WebhookAttempt seen = error != null ? new WebhookAttempt.Failed("sender failed: " + error) : attempt;
            DeliveryRules.Decision decision = rules.decide(seen, attempts, Duration.ofNanos(nanoTime.getAsLong() - startNanos));
            if (decision instanceof DeliveryRules.Retry retry) {
                listener.deliveryRetrying(retry.delay());
                scheduler.schedule(retry.delay().toNanos(), () -> attempt(key, body, attempts + 1, startNanos, done));
            } else if (decision instanceof DeliveryRules.GiveUp giveUp) {
                done.complete(new Result(key.webhook(), Outcome.UNDELIVERABLE, Webhooks.redacted(key.webhook()) + " " + giveUp.reason()));
            } else {
                recent.add(key);
                done.complete(new Result(key.webhook(), Outcome.DELIVERED, null));
            }
        });
    }

    private CompletableFuture<Result> ended(Result result) {
        listener.deliveryEnded(result.outcome());
        return CompletableFuture.completedFuture(result);
    }
}
