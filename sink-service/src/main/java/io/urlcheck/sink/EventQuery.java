package io.urlcheck.sink;

import io.urlcheck.contract.MonitorEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A query of {@code GET /api/events}: filters (each null when not given), the page size and where the previous
 * page stopped. Events come newest first: by {@code at} descending, then by id descending. Limits, {@code since}
 * and the error texts follow {@code GET /api/results} ({@link ResultQueryParser}).
 */
public record EventQuery(String monitor, String url, MonitorEvent.Type type, Instant since, int limit, After after) {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    /** The last event of the previous page: its {@code at} and id. */
    public record After(Instant at, String id) {

        /** The opaque {@code nextCursor}: base64url of {@code event|<epoch micros>|<id>}. */
        public String encode() {
            String raw = "event|" + ResultQuery.epochMicros(at) + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Whether an event with this {@code at} and id comes after the cursor, newest first. */
        public boolean precedes(Instant eventAt, String eventId) {
            int byAt = eventAt.truncatedTo(ChronoUnit.MICROS).compareTo(at);
            return byAt != 0 ? byAt < 0 : eventId.compareTo(id) < 0;
        }

        static After decode(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 3);
                if (parts.length == 3 && parts[0].equals("event") && ID.matcher(parts[2]).matches()) {
                    long micros = Long.parseLong(parts[1]);
                    return new After(Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
                            .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L), parts[2]);
                }
            } catch (IllegalArgumentException e) {
                // falls through to the refusal below; NumberFormatException is one
            }
            throw new BadQueryException("cursor is not one this API issued");
        }
    }

    /** Parses the raw parameters; a {@link BadQueryException} says which is wrong. */
    public static EventQuery parse(String monitor, String url, String type, String since, String limit, String cursor) {
        return new EventQuery(
                blank(monitor) ? null : ResultQueryParser.text(monitor.trim()),
                blank(url) ? null : ResultQueryParser.text(url.trim()),
                blank(type) ? null : type(type.trim()),
                blank(since) ? null : ResultQueryParser.instant(since.trim()),
                ResultQueryParser.limit(limit, true),
                blank(cursor) ? null : After.decode(cursor.trim()));
    }

    /** Whether {@code event} matches the filters and comes after the cursor. */
    public boolean matches(MonitorEvent event) {
        return (monitor == null || monitor.equals(event.monitor()))
                && (url == null || url.equals(event.url()))
                && (type == null || type == event.type())
                && (since == null || !event.at().isBefore(since))
                && (after == null || after.precedes(event.at(), event.id()));
    }

    private static MonitorEvent.Type type(String value) {
        try {
            return MonitorEvent.Type.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String valid = Arrays.stream(MonitorEvent.Type.values()).map(Enum::name).collect(Collectors.joining(", "));
            throw new BadQueryException("type must be one of " + valid + "; got '" + value + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
