package io.urlcheck.sink.messaging;

import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.sink.store.MonitorStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Publishes the events the store holds unpublished, then marks them published: the outbox that keeps an event
 * from being lost between the store and {@code urlcheck.events}. An event is stored (unpublished) in the same
 * write as the watch that raised it; {@link #flush} runs after that write, before the results' offsets may be
 * committed. If the sink dies in between, the batch is redelivered, raises nothing new (the watch moved on), and
 * its flush publishes what the last one did not. A failed send is retried with the store's backoff, holding the
 * batch, like a dead letter. An event may reach the topic twice (crash between the send and the mark); its id is
 * the same, and readers deduplicate by it.
 */
@ApplicationScoped
public class EventOutbox {

    /** Events read, sent and marked at a time: below the emitter's buffer (128) and the Kafka sink's in-flight limit. */
    static final int CHUNK = 100;

    private final MonitorStore store;
    private final EventSender sender;
    private final DurableWriter writer;

    public EventOutbox(MonitorStore store, EventSender sender, DurableWriter writer) {
        this.store = store;
        this.sender = sender;
        this.writer = writer;
    }

    /** Publishes every unpublished event; returns once Kafka has them all and the store knows it. */
    public int flush() {
        int published = 0;
        while (true) {
            List<MonitorEvent> pending = writer.untilDurable("read the unpublished events", () -> store.unpublished(CHUNK));
            if (pending.isEmpty()) {
                return published;
            }
            writer.untilSent(pending.size() + " events to urlcheck.events", () -> sender.sendAll(pending));
            List<String> ids = pending.stream().map(MonitorEvent::id).toList();
            writer.untilDurable("mark " + ids.size() + " events published", () -> {
                store.published(ids);
                return null;
            });
            published += pending.size();
        }
    }
}
