package io.urlcheck.launcher.output;

import java.time.Duration;
import java.util.Locale;

/** Small number formats shared by the tables and progress lines. */
final class Formats {

    private Formats() {
    }

    static String millis(Long ms) {
        if (ms == null) {
            return "-";
        }
        return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
    }

    static String rate(Double perSecond) {
        return perSecond == null ? "-" : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    static String duration(Long seconds) {
        if (seconds == null || seconds < 0) {
            return "-";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
        }
        return d.toSeconds() + "s";
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** A table cell of outside text: control characters escaped ({@link TerminalText}), then cut to {@code max}. */
    static String cell(String s, int max) {
        return truncate(TerminalText.safe(s), max);
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
