package io.urlcheck.contract;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}), read in UTC as Vixie cron
 * reads it: {@code *}, {@code a-b}, {@code a,b}, steps ({@code *}{@code /15}, {@code 1-30/5}), month and day
 * names ({@code JAN}, {@code MON}), Sunday as 0 or 7; when both day fields are restricted, a day that matches
 * either fires. Pure Java, no clock: callers pass the instants.
 */
public final class CronExpression {

    /** The furthest a tick is looked for: a day-of-month such as 31 in February alone never matches. */
    private static final int MAX_YEARS = 8;
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        minutes = field("minute", fields[0], 0, 59, List.of(), 0);
        hours = field("hour", fields[1], 0, 23, List.of(), 0);
        daysOfMonth = field("day of month", fields[2], 1, 31, List.of(), 1);
        months = field("month", fields[3], 1, 12, MONTHS, 1);
        BitSet week = field("day of week", fields[4], 0, 7, DAYS, 0);
        if (week.get(7)) {
            week.set(0);
            week.clear(7);
        }
        daysOfWeek = week;
        anyDayOfMonth = fields[2].startsWith("*");
        anyDayOfWeek = fields[4].startsWith("*");
    }

    /** Reads an expression; an {@link IllegalArgumentException} names the field that is wrong. */
    public static CronExpression parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a cron expression is needed");
        }
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a cron expression has five fields (minute hour day-of-month month day-of-week); got '"
                    + text + "'");
        }
        return new CronExpression(String.join(" ", fields), fields);
    }

    /** The latest tick at or before {@code instant}, or null when none lies within eight years. */
    public Instant latestAtOrBefore(Instant instant) {
        return search(LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES), -1);
    }

    /** The first tick strictly after {@code instant}, or null when none lies within eight years. */
    public Instant firstAfter(Instant instant) {
        return search(LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1), 1);
    }

    /**
     * The first matching minute from {@code at} on, walking backwards ({@code step} -1) or forwards (+1). A field
     * that does not match skips its whole unit at once: to the edge of the month, day or hour in the walk's direction.
     */
    private Instant search(LocalDateTime from, int step) {
        LocalDateTime at = from;
        LocalDateTime limit = from.plusYears((long) step * MAX_YEARS);
        while (step < 0 ? !at.isBefore(limit) : at.isBefore(limit)) {
            if (!months.get(at.getMonthValue())) {
                at = edge(at.withDayOfMonth(1).withHour(0).withMinute(0), ChronoUnit.MONTHS, step);
            } else if (!dayMatches(at)) {
                at = edge(at.withHour(0).withMinute(0), ChronoUnit.DAYS, step);
            } else if (!hours.get(at.getHour())) {
                at = edge(at.withMinute(0), ChronoUnit.HOURS, step);
            } else if (!minutes.get(at.getMinute())) {
                at = at.plusMinutes(step);
            } else {
                return at.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }

    /** From the start of a unit: the next unit's start going forwards, the last minute before it going backwards. */
    private static LocalDateTime edge(LocalDateTime unitStart, ChronoUnit unit, int step) {
        return step > 0 ? unitStart.plus(1, unit) : unitStart.minusMinutes(1);
    }

    private boolean dayMatches(LocalDateTime at) {
        boolean dayOfMonth = daysOfMonth.get(at.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(at.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : at.getDayOfWeek().getValue());
        if (anyDayOfMonth || anyDayOfWeek) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek;
    }

    private static BitSet field(String name, String field, int min, int max, List<String> names, int nameBase) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(name, part.substring(slash + 1), 1, max, List.of(), 0);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = number(name, range.substring(0, range.indexOf('-')), min, max, names, nameBase);
                to = number(name, range.substring(range.indexOf('-') + 1), min, max, names, nameBase);
                if (to < from) {
                    throw new IllegalArgumentException("cron " + name + " range '" + range + "' runs backwards");
                }
            } else {
                from = number(name, range, min, max, names, nameBase);
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                bits.set(value);
            }
        }
        return bits;
    }

    private static int number(String name, String text, int min, int max, List<String> names, int nameBase) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + nameBase;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal, which names the field
        }
        throw new IllegalArgumentException("cron " + name + " must be " + min + " to " + max
                + (names.isEmpty() ? "" : " or a name such as " + names.get(0)) + "; got '" + text + "'");
    }

    @Override
    public String toString() {
        return text;
    }
}
