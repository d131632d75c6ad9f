package io.urlcheck.contract;

import java.time.Instant;

/**
 * Reads and writes the canonical UTC text of an {@link Instant}, {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z},
 * by hand. This is the one form the codec writes, and reading it through {@code DateTimeFormatter}
 * was the largest JSON allocator in worker profiles.
 *
 * <p>Both directions cover years 0000 to 9999 only. Anything else, valid or not, returns "not mine"
 * ({@code null} or {@code -1}), and the caller hands it to Jackson's own code. That includes a leap second
 * {@code 60}, {@code 24:00:00}, lowercase {@code t} or {@code z}, offsets, numbers, a bare {@code .}, and
 * dates that do not exist. So the fast path needs no error handling of its own: refusing something stays
 * Jackson's job.
 */
final class IsoInstants {

    /** The longest text {@link #format} writes: {@code 9999-12-31T23:59:59.999999999Z}. */
    static final int MAX_LENGTH = 30;

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int LENGTH_WITHOUT_FRACTION = 20;
    private static final int[] FRACTION_SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final long FIRST_SECOND = epochDay(0, 1, 1) * SECONDS_PER_DAY;
    private static final long LAST_SECOND = epochDay(10_000, 1, 1) * SECONDS_PER_DAY - 1;

    private IsoInstants() {
    }

    /**
     * Parses {@code text[offset, offset + length)} when it is exactly the canonical form with an existing
     * date and a time from 00:00:00 to 23:59:59.
     *
     * @return the instant, or null when the text is anything else
     */
    static Instant parse(char[] text, int offset, int length) {
        if (length < LENGTH_WITHOUT_FRACTION || length > MAX_LENGTH || length == LENGTH_WITHOUT_FRACTION + 1
                || text[offset + length - 1] != 'Z'
                || text[offset + 4] != '-' || text[offset + 7] != '-' || text[offset + 10] != 'T'
                || text[offset + 13] != ':' || text[offset + 16] != ':') {
            return null;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        int nanos = 0;
        if (length > LENGTH_WITHOUT_FRACTION) {
            int fractionDigits = length - LENGTH_WITHOUT_FRACTION - 1;
            int fraction = digits(text, offset + LENGTH_WITHOUT_FRACTION, fractionDigits);
            if (text[offset + 19] != '.' || fraction < 0) {
                return null;
            }
            nanos = fraction * FRACTION_SCALE[9 - fractionDigits];
        }
        if ((year | month | day | hour | minute | second) < 0
                || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long seconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3_600 + minute * 60 + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /**
     * Writes {@code value} into {@code out} from index 0 exactly as {@code DateTimeFormatter.ISO_INSTANT}
     * would: seconds always, then 0, 3, 6 or 9 fraction digits, whichever is the fewest that keep every
     * non-zero digit.
     *
     * @param out at least {@link #MAX_LENGTH} chars
     * @return the number of chars written, or -1 when the year is outside 0000 to 9999 and nothing was written
     */
    static int format(Instant value, char[] out) {
        long seconds = value.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return -1;
        }
        writeDate(Math.floorDiv(seconds, SECONDS_PER_DAY), out);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        out[10] = 'T';
        write(secondOfDay / 3_600, 2, out, 11);
        out[13] = ':';
        write(secondOfDay / 60 % 60, 2, out, 14);
        out[16] = ':';
        write(secondOfDay % 60, 2, out, 17);
        int end = 19;
        int nanos = value.getNano();
        if (nanos != 0) {
            out[end++] = '.';
            if (nanos % 1_000_000 == 0) {
                end = write(nanos / 1_000_000, 3, out, end);
            } else if (nanos % 1_000 == 0) {
                end = write(nanos / 1_000, 6, out, end);
            } else {
                end = write(nanos, 9, out, end);
            }
        }
        out[end++] = 'Z';
        return end;
    }

    /** The value of {@code count} ASCII digits, or -1 if any of them is not a digit. */
    private static int digits(char[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Writes {@code value} as exactly {@code count} digits, zero-padded; returns the index after them. */
    private static int write(int value, int count, char[] out, int from) {
        for (int i = from + count - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return from + count;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date, for years 0 and later (H. Hinnant's
     * days-from-civil, with years counted from March so that the leap day ends the year).
     */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** Writes {@code YYYY-MM-DD} for a day in years 0000 to 9999 into {@code out[0, 10)}; the inverse of {@link #epochDay}. */
    private static void writeDate(long epochDay, char[] out) {
        int days = (int) (epochDay + 719_468);
        int era = Math.floorDiv(days, 146_097);
        int dayOfEra = days - era * 146_097;
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int marchMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * marchMonth + 2) / 5 + 1;
        int month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
        int year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        write(year, 4, out, 0);
        out[4] = '-';
        write(month, 2, out, 5);
        out[7] = '-';
        write(day, 2, out, 8);
    }
}
