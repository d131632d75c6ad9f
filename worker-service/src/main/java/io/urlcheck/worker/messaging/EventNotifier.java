package io.urlcheck.worker.messaging;

import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.kafka.CompactedTable;
import io.urlcheck.worker.config.WorkerConfig;
import io.urlcheck.worker.notify.Notifier;
import io.urlcheck.worker.notify.Slots;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads monitor events from {@code urlcheck.events} (group {@code urlcheck-notifier}) and has the
 * {@link Notifier} POST each to its monitor's webhooks, read from the compacted {@code urlcheck.monitors}.
 * An event is acked, and its offset becomes committable, only once every webhook took it or its undelivered
 * record was acknowledged; up to {@code webhook.max-in-flight} events are under way at once, so a slow
 * webhook delays only its own events. Nothing is read before the monitors table has caught up, so an event is
 * never dropped for a monitor not yet read. See notify/DESIGN.md.
 */
@ApplicationScoped
public class EventNotifier {

    /** The incoming channel: {@code urlcheck.events}, raw bytes so the JSON is POSTed as received. */
    public static final String EVENTS = "events";

    private static final Logger LOG = Logger.getLogger(EventNotifier.class);
    private static final long TABLE_POLL_MS = 100;

    private final Notifier notifier;
    private final CompactedTable<Monitor> monitors;
    private final UndeliveredEvents undelivered;
    private final DeadLetters deadLetters;
    private final Vertx vertx;
    private final Slots slots;
    private final CompletableFuture<Void> tableReady = new CompletableFuture<>();

    public EventNotifier(Notifier notifier, CompactedTable<Monitor> monitors, UndeliveredEvents undelivered,
                         DeadLetters deadLetters, Vertx vertx, WorkerConfig config) {
        this.notifier = notifier;
        this.monitors = monitors;
        this.undelivered = undelivered;
        this.deadLetters = deadLetters;
        this.vertx = vertx;
        this.slots = new Slots(config.webhook().maxInFlight());
    }

    /** Completes once the event is admitted (table caught up, a slot free); its delivery goes on after. */
    @Incoming(EVENTS)
    public CompletionStage<Void> onEvent(Message<byte[]> message) {
        return tableReady().thenCompose(v -> slots.acquire()).thenRun(() -> {
            CompletionStage<Void> handled;
            try {
                handled = handle(message);
            } catch (RuntimeException e) {
                handled = message.nack(e);
            }
            handled.whenComplete((v, e) -> slots.release());
        });
    }

    private CompletionStage<Void> handle(Message<byte[]> message) {
        MonitorEvent event;
        try {
            if (message.getPayload() == null) {
                throw new IllegalArgumentException("empty record value");
            }
            event = JsonCodec.decode(message.getPayload(), MonitorEvent.class);
            if (event.id() == null || event.monitor() == null) {
                throw new IllegalArgumentException("an event needs an id and a monitor");
            }
        } catch (RuntimeException e) {
            return deadLetters.send(message, "undecodable monitor event: " + (e.getMessage() == null ? e : e.getMessage()))
                    .subscribeAsCompletionStage();
        }
        List<String> webhooks = monitors.get(event.monitor()).map(Monitor::webhooks).orElse(List.of());
        if (webhooks.isEmpty()) {
            LOG.debugf("event %s of monitor %s: no webhooks (%s)", event.id(), event.monitor(), Positions.of(message));
            return message.ack();
        }
        return notifier.deliver(event.id(), message.getPayload(), webhooks).thenCompose(results -> {
            CompletableFuture<?>[] letters = results.stream()
                    .filter(r -> r.outcome() == Notifier.Outcome.UNDELIVERABLE)
                    .map(r -> {
                        LOG.warnf("event %s of monitor %s not delivered, dead-lettered to urlcheck.events.undelivered: %s (%s)",
                                event.id(), event.monitor(), r.reason(), Positions.of(message));
                        return undelivered.send(message, r.reason()).toCompletableFuture();
                    })
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(letters);
        }).handle((v, error) -> error).thenCompose(error -> {
            if (error == null) {
                return message.ack();
            }
            LOG.errorf(error, "event %s of monitor %s: its undelivered record could not be written; it stays uncommitted (%s)",
                    event.id(), event.monitor(), Positions.of(message));
            return message.nack(error);
        });
    }

    /** Completes once the monitors table has read what was on its topic at start, checked on a Vert.x timer. */
    private CompletableFuture<Void> tableReady() {
        if (!tableReady.isDone() && monitors.isCaughtUp()) {
            tableReady.complete(null);
        } else if (!tableReady.isDone()) {
            vertx.setTimer(TABLE_POLL_MS, id -> tableReady());
        }
        return tableReady;
    }
}
