package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.MonitorEvent.State;
import io.urlcheck.contract.MonitorEvent.Type;
import io.urlcheck.contract.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rule that turns a monitor's result into events, given what the sink remembers of the URL ({@link UrlWatch}):
 * <ul>
 *   <li>a {@code SKIPPED} result, or one not later than the remembered one (its run's tick, then its check time
 *       and id: a redelivery or a late arrival), changes nothing and raises nothing;</li>
 *   <li>{@code BROKEN} once the URL has failed {@link Monitor#brokenAfter()} times in a row, once per breakage
 *       (also when it failed from its first run);</li>
 *   <li>{@code RECOVERED} at the first OK after {@code BROKEN};</li>
 *   <li>{@code CHANGED} when status code, final URL or title differ from the previous run and both runs are OK,
 *       or both failed while already {@code BROKEN}; never while failures are still being counted;</li>
 *   <li>{@code CERT_EXPIRING} once per certificate ({@code notAfter}) that ends within
 *       {@link Monitor#certExpiryDays()} of the check (0 = never).</li>
 * </ul>
 * Pure: the caller loads the watches and stores the verdict.
 */
public final class EventRule {

    private EventRule() {
    }

    /** What judging one result decided: the URL's watch from now on, and the events raised. */
    public record Verdict(UrlWatch watch, List<MonitorEvent> events) {
    }

    /** Judges {@code result}, of {@code monitor}'s run at {@code tick}, against {@code before} (null: first seen). Null when nothing changes. */
    public static Verdict judge(Monitor monitor, Instant tick, CheckResult result, UrlWatch before) {
        if (result.outcome() == Outcome.SKIPPED || (before != null && !isLater(tick, result, before))) {
            return null;
        }
        State now = State.of(result);
        State previous = before == null ? null : before.state();
        boolean failed = now.outcome().isFailure();
        int failures = failed ? (before == null ? 0 : before.failures()) + 1 : 0;
        boolean wasBroken = before != null && before.broken();
        boolean broken = wasBroken;
        List<MonitorEvent> events = new ArrayList<>(2);
        String name = monitor.name();
        if (failed && !wasBroken && failures >= monitor.brokenAfter()) {
            broken = true;
            events.add(MonitorEvent.of(Type.BROKEN, name, result, previous, now.brief() + ", " + failures
                    + (failures == 1 ? " failure" : " failures in a row") + (previous == null ? "" : " (was " + previous.brief() + ")")));
        } else if (!failed && wasBroken) {
            broken = false;
            events.add(MonitorEvent.of(Type.RECOVERED, name, result, previous, now.brief() + " (was " + previous.brief() + ")"));
        } else if (previous != null && (bothOk(previous, now) || (wasBroken && failed && previous.outcome().isFailure()))) {
            String changes = changes(previous, now);
            if (!changes.isEmpty()) {
                events.add(MonitorEvent.of(Type.CHANGED, name, result, previous, changes));
            }
        }
        Instant certWarned = before == null ? null : before.certWarned();
        Instant notAfter = now.certificateNotAfter();
        if (notAfter != null && monitor.certExpiryDays() > 0 && !notAfter.equals(certWarned)
                && notAfter.isBefore(result.checkedAt().plus(Duration.ofDays(monitor.certExpiryDays())))) {
            certWarned = notAfter;
            events.add(MonitorEvent.of(Type.CERT_EXPIRING, name, result, previous, "certificate ends " + notAfter
                    + " (" + Duration.between(result.checkedAt(), notAfter).toDays() + " days after the check)"));
        }
        UrlWatch watch = new UrlWatch(name, result.url(), tick, result.checkedAt(),
                result.checkId(), result.jobId(), now, failures, broken, certWarned);
        return new Verdict(watch, List.copyOf(events));
    }

    /** Whether {@code result} of the run at {@code tick} comes after what {@code before} last judged. */
    static boolean isLater(Instant tick, CheckResult result, UrlWatch before) {
        int byTick = tick.compareTo(before.tick());
        if (byTick != 0) {
            return byTick > 0;
        }
        int byTime = result.checkedAt().compareTo(before.checkedAt());
        return byTime != 0 ? byTime > 0 : result.checkId().compareTo(before.checkId()) > 0;
    }

    private static boolean bothOk(State previous, State now) {
        return previous.outcome() == Outcome.OK && now.outcome() == Outcome.OK;
    }

    private static String changes(State previous, State now) {
        List<String> parts = new ArrayList<>(3);
        if (!Objects.equals(previous.statusCode(), now.statusCode())) {
            parts.add("status " + previous.statusCode() + " -> " + now.statusCode());
        }
        if (!Objects.equals(previous.finalUrl(), now.finalUrl())) {
            parts.add("final URL " + previous.finalUrl() + " -> " + now.finalUrl());
        }
        if (!Objects.equals(previous.title(), now.title())) {
            parts.add("title " + quoted(previous.title()) + " -> " + quoted(now.title()));
        }
        return String.join(", ", parts);
    }

    private static String quoted(String text) {
        return text == null ? "none" : "'" + text + "'";
    }
}
