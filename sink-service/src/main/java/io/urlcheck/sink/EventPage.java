package io.urlcheck.sink;

import io.urlcheck.contract.MonitorEvent;

import java.util.List;

/** One page of {@code GET /api/events}, newest first; {@code nextCursor} is null on the last page. */
public record EventPage(List<MonitorEvent> items, String nextCursor) {

    /** The page of {@code query} from {@code rows}: matching events in its order, at most {@code limit + 1} of them. */
    public static EventPage of(List<MonitorEvent> rows, EventQuery query) {
        if (rows.size() <= query.limit()) {
            return new EventPage(List.copyOf(rows), null);
        }
        List<MonitorEvent> items = List.copyOf(rows.subList(0, query.limit()));
        MonitorEvent last = items.get(items.size() - 1);
        return new EventPage(items, new EventQuery.After(last.at(), last.id()).encode());
    }
}
