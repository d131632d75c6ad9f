package io.urlcheck.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a {@link Monitor} runs: {@code every} N seconds, minutes or hours ({@code "30s"}, {@code "5m"}, {@code "2h"}),
 * or a five-field {@code cron} expression in UTC ({@link CronExpression}); exactly one of the two. Ticks are
 * instants every replica computes alike: an interval's ticks are the multiples of it since the epoch, so two
 * producers never disagree on which tick is due, and a tick's instant names the job it starts
 * ({@link MonitorJobId}).
 *
 * @param every an interval such as {@code "5m"}, or null
 * @param cron  a cron expression such as {@code "0 9 * * MON-FRI"}, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(String every, String cron) {

    /** The shortest interval. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** The longest interval: 31 days. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(31);

    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,7})(s|m|h)");

    /** Refuses a schedule with neither or both forms, or a form that does not parse. */
    public Schedule {
        if ((every == null) == (cron == null)) {
            throw new IllegalArgumentException("a schedule is either every (such as \"5m\") or cron (such as \"*/5 * * * *\"), one of them");
        }
        if (every != null) {
            every = every.strip();
            interval(every);
        } else {
            cron = CronExpression.parse(cron).toString();
        }
    }

    /** A schedule every {@code text} ({@code "30s"}, {@code "5m"}, {@code "2h"}). */
    public static Schedule every(String text) {
        return new Schedule(text, null);
    }

    /** A schedule by a cron expression. */
    public static Schedule cron(String expression) {
        return new Schedule(null, expression);
    }

    /** The latest tick at or before {@code now}; null only for a cron expression that names no real day. */
    public Instant latestTickAtOrBefore(Instant now) {
        if (every == null) {
            return CronExpression.parse(cron).latestAtOrBefore(now);
        }
        long seconds = interval(every).toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
    }

    /** The first tick strictly after {@code instant}; null only for a cron expression that names no real day. */
    public Instant firstTickAfter(Instant instant) {
        if (every == null) {
            return CronExpression.parse(cron).firstAfter(instant);
        }
        long seconds = interval(every).toSeconds();
        return Instant.ofEpochSecond((Math.floorDiv(instant.getEpochSecond(), seconds) + 1) * seconds);
    }

    /** {@code every 5m} or {@code cron 0 9 * * MON-FRI}. */
    @Override
    public String toString() {
        return every != null ? "every " + every : "cron " + cron;
    }

    private static Duration interval(String text) {
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("every expects an interval such as 30s, 5m or 2h; got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration interval = switch (m.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("every must be from 1s to 31 days; got '" + text + "'");
        }
        return interval;
    }
}
