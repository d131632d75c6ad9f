package io.urlcheck.sink.store;

import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.sink.EventPage;
import io.urlcheck.sink.EventQuery;
import io.urlcheck.sink.MonitorBatch;
import io.urlcheck.sink.MonitorRun;
import io.urlcheck.sink.MonitorStatus;
import io.urlcheck.sink.UrlWatch;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the monitors' state lives, beside the results (JSON files or PostgreSQL, as {@code urlcheck.sink.store}
 * says): each (monitor, URL)'s {@link UrlWatch}, the events raised (deduplicated by id, with whether each was
 * published yet: the outbox) and each run's counts. Failures are reported like {@link ResultStore}'s.
 */
public interface MonitorStore extends AutoCloseable {

    /**
     * Loads the stored watches of {@code keys}, lets {@code judge} decide, and writes its batch durably as one
     * unit (watches, events unpublished, run counts), so a crash leaves either all of it or none. Returns the batch.
     */
    MonitorBatch advance(Set<UrlWatch.Key> keys, Function<Map<UrlWatch.Key, UrlWatch>, MonitorBatch> judge);

    /** Up to {@code limit} stored events not yet marked published, oldest first. */
    List<MonitorEvent> unpublished(int limit);

    /** Marks these events published, durably. */
    void published(Collection<String> ids);

    /** One page of events matching {@code query}, newest first. */
    EventPage events(EventQuery query);

    /** The newest {@code limit} runs of {@code monitor} that have results, newest first. */
    List<MonitorRun> runs(String monitor, int limit);

    /** Each monitor with a watch: its URLs up and down and its newest run. */
    Map<String, MonitorStatus> statuses();

    @Override
    void close();
}
