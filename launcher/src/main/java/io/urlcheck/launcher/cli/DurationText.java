package io.urlcheck.launcher.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a duration as a person writes it on a command line: {@code 250ms}, {@code 1s}, {@code 2m}; a bare number is seconds. */
final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    private DurationText() {
    }

    /** The duration {@code text} says; an {@link IllegalArgumentException} naming {@code option} when it says none. */
    static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " expects a duration like 250ms, 1s or 2m; got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
