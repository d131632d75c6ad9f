package io.urlcheck.contract;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job id of one run of a {@link Monitor}: {@code monitor:<name>:<tick in epoch seconds>}, such as
 * {@code monitor:docs-site:1796465100}. The same tick always gives the same id, so a tick fired twice is one
 * job, and the sink knows a monitor's results by their job id alone. The {@code monitor:} prefix is reserved:
 * a job submitted any other way may not use it ({@link #isReserved}).
 */
public final class MonitorJobId {

    /** What every monitor job id starts with. */
    public static final String PREFIX = "monitor:";
    private static final Pattern FORM = Pattern.compile(Pattern.quote(PREFIX) + "(" + Monitor.NAME.pattern() + "):(\\d{1,12})");

    /** A monitor run: the monitor's name and the tick that started it. */
    public record Run(String monitor, Instant tick) {
    }

    private MonitorJobId() {
    }

    /** The job id of {@code monitor}'s run at {@code tick}. */
    public static String of(String monitor, Instant tick) {
        return PREFIX + monitor + ":" + tick.getEpochSecond();
    }

    /** The monitor and tick a job id names, or empty for a job that is not a monitor's run. */
    public static Optional<Run> parse(String jobId) {
        if (jobId == null || !jobId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(jobId);
        return m.matches() ? Optional.of(new Run(m.group(1), Instant.ofEpochSecond(Long.parseLong(m.group(2))))) : Optional.empty();
    }

    /** Whether a job id submitted by a user takes the monitors' prefix, which it may not. */
    public static boolean isReserved(String jobId) {
        return jobId != null && jobId.startsWith(PREFIX);
    }

    /** The message that refuses a reserved job id given as {@code name}. */
    public static String refusal(String name) {
        return name + " may not start with '" + PREFIX + "': that prefix is reserved for monitor runs";
    }
}
