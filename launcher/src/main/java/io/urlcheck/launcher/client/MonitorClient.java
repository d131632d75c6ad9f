package io.urlcheck.launcher.client;

import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manages monitors through the producer ({@code POST}, {@code GET} and {@code DELETE /api/monitors}) and reads
 * the events the sink raised for them ({@code GET /api/events}, paged by {@code nextCursor}).
 */
public final class MonitorClient {

    private final Http producer;
    private final Http sink;

    /** A client of the producer and the sink at these base URLs, sending {@code token} as a bearer token when not null. */
    public MonitorClient(String producerUrl, String sinkUrl, String token) {
        this.producer = new Http(producerUrl, token, "producer");
        this.sink = new Http(sinkUrl, token, "sink");
    }

    /**
     * {@code POST /api/monitors} with the monitor as JSON; returns once the producer has it stored: true when it
     * replaced a monitor of that name (200), false when it is new (201).
     */
    public boolean save(Monitor monitor) {
        byte[] json = JsonCodec.encode(monitor);
        Http.Answer answer = producer.post("/api/monitors", Map.of("Content-Type", "application/json"),
                () -> new ByteArrayInputStream(json), Duration.ofMinutes(5));
        producer.requireSuccess(answer.status(), "POST /api/monitors", answer.text());
        return answer.status() == 200;
    }

    /** {@code GET /api/monitors}: every monitor, by name. */
    public List<MonitorSummary> list() {
        MonitorSummary[] monitors = producer.getJson("/api/monitors", MonitorSummary[].class);
        return monitors == null ? List.of() : List.of(monitors);
    }

    /** {@code DELETE /api/monitors/{name}}; false when the producer knows no such monitor. */
    public boolean remove(String name) {
        String path = "/api/monitors/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        Http.Answer answer = producer.delete(path, "application/json");
        if (answer.status() == 404) {
            return false;
        }
        producer.requireSuccess(answer.status(), "DELETE " + path, answer.text());
        return true;
    }

    /**
     * One page of {@code GET /api/events}, newest first.
     *
     * @param filter query parameters: {@code monitor}, {@code url}, {@code type}, {@code since}, {@code limit}, {@code cursor}
     */
    public EventPage events(Map<String, String> filter) {
        String path = "/api/events" + Http.query(new LinkedHashMap<>(filter));
        EventPage page = sink.getJson(path, EventPage.class);
        if (page == null) {
            throw new ApiException("sink: GET " + path + " answered 404 (does this sink know monitors?)", 404);
        }
        return page;
    }

    /** A page of events and the cursor of the next one (null on the last page). */
    public record EventPage(List<MonitorEvent> items, String nextCursor) {

        public EventPage {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
