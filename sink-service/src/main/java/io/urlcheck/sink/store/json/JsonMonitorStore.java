package io.urlcheck.sink.store.json;

import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.sink.EventPage;
import io.urlcheck.sink.EventQuery;
import io.urlcheck.sink.MonitorBatch;
import io.urlcheck.sink.MonitorRun;
import io.urlcheck.sink.MonitorStatus;
import io.urlcheck.sink.RunTally;
import io.urlcheck.sink.UrlWatch;
import io.urlcheck.sink.store.MonitorStore;
import io.urlcheck.sink.store.StoreUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The monitors' state in the JSON store's directory: {@code monitors.jsonl}, one line per write (the watches
 * that moved, the events raised, the runs' count changes, or event ids now published), fsynced before the write
 * returns and replayed into memory at start. Everything is held in memory: the JSON store is for one sink of
 * modest size, and events are rare next to results.
 */
public final class JsonMonitorStore implements MonitorStore {

    /** The file, in the store's directory. */
    public static final String LOG_FILE = "monitors.jsonl";

    private static final Comparator<MonitorEvent> NEWEST_FIRST = Comparator.comparing(MonitorEvent::at)
            .thenComparing(MonitorEvent::id).reversed();

    /** One line of the file: what one write changed. Every field may be empty. */
    public record Line(List<UrlWatch> watches, List<MonitorEvent> events, List<RunTally> tallies, List<String> published) {
    }

    private final JsonLinesFile file;
    private final Map<UrlWatch.Key, UrlWatch> watches = new HashMap<>();
    private final Map<String, MonitorEvent> eventsById = new HashMap<>();
    private final TreeSet<MonitorEvent> events = new TreeSet<>(NEWEST_FIRST);
    private final Map<String, MonitorEvent> unpublished = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Instant, RunTally>> runs = new HashMap<>();

    private JsonMonitorStore(JsonLinesFile file) {
        this.file = file;
    }

    /** Opens (or creates) the file in {@code dir} and replays it. */
    public static JsonMonitorStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            JsonMonitorStore store = new JsonMonitorStore(JsonLinesFile.open(dir.resolve(LOG_FILE)));
            store.file.replay(Line.class, (line, offset) -> {
                store.apply(line);
                return true;
            });
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir.resolve(LOG_FILE), e);
        }
    }

    @Override
    public synchronized MonitorBatch advance(Set<UrlWatch.Key> keys, Function<Map<UrlWatch.Key, UrlWatch>, MonitorBatch> judge) {
        Map<UrlWatch.Key, UrlWatch> stored = new HashMap<>();
        for (UrlWatch.Key key : keys) {
            UrlWatch watch = watches.get(key);
            if (watch != null) {
                stored.put(key, watch);
            }
        }
        MonitorBatch batch = judge.apply(stored);
        if (!batch.isEmpty()) {
            write(new Line(batch.watches(), batch.events(), batch.tallies(), List.of()));
        }
        return batch;
    }

    @Override
    public synchronized List<MonitorEvent> unpublished(int limit) {
        return unpublished.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void published(Collection<String> ids) {
        List<String> marked = ids.stream().filter(unpublished::containsKey).distinct().toList();
        if (!marked.isEmpty()) {
            write(new Line(List.of(), List.of(), List.of(), marked));
        }
    }

    @Override
    public synchronized EventPage events(EventQuery query) {
        List<MonitorEvent> rows = new ArrayList<>(query.limit() + 1);
        for (MonitorEvent event : events) {
            if (query.matches(event)) {
                rows.add(event);
                if (rows.size() > query.limit()) {
                    break;
                }
            }
        }
        return EventPage.of(rows, query);
    }

    @Override
    public synchronized List<MonitorRun> runs(String monitor, int limit) {
        NavigableMap<Instant, RunTally> ofMonitor = runs.getOrDefault(monitor, new TreeMap<>());
        return ofMonitor.descendingMap().values().stream().limit(limit).map(MonitorRun::of).toList();
    }

    @Override
    public synchronized Map<String, MonitorStatus> statuses() {
        Map<String, int[]> counts = new HashMap<>();
        for (UrlWatch watch : watches.values()) {
            counts.computeIfAbsent(watch.monitor(), m -> new int[2])[watch.down() ? 1 : 0]++;
        }
        Map<String, MonitorStatus> statuses = new TreeMap<>();
        counts.forEach((monitor, upDown) -> {
            NavigableMap<Instant, RunTally> ofMonitor = runs.get(monitor);
            RunTally last = ofMonitor == null || ofMonitor.isEmpty() ? null : ofMonitor.lastEntry().getValue();
            statuses.put(monitor, new MonitorStatus(upDown[0], upDown[1], last == null ? null : last.tick(),
                    last == null ? null : last.jobId()));
        });
        return statuses;
    }

    private void write(Line line) {
        try {
            file.append(List.of(JsonCodec.encode(line)));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot append to " + LOG_FILE + ": " + e.getMessage(), e);
        }
        apply(line);
    }

    private void apply(Line line) {
        nullSafe(line.watches()).forEach(watch -> watches.put(watch.key(), watch));
        for (MonitorEvent event : nullSafe(line.events())) {
            if (eventsById.putIfAbsent(event.id(), event) == null) {
                events.add(event);
                unpublished.put(event.id(), event);
            }
        }
        for (RunTally tally : nullSafe(line.tallies())) {
            runs.computeIfAbsent(tally.monitor(), m -> new TreeMap<>()).merge(tally.tick(), tally, RunTally::plus);
        }
        nullSafe(line.published()).forEach(unpublished::remove);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
