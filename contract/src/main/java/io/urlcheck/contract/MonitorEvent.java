package io.urlcheck.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What changed for one URL of a {@link Monitor} between two runs: the value of a record on {@link Topics#EVENTS},
 * keyed by {@link #url()}, and the body POSTed to the monitor's webhooks. The sink raises it, the worker's
 * notifier delivers it, the query API lists it. Its {@link #id()} is the same however often the result behind
 * it is processed ({@link #idOf}), so every reader deduplicates by it.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param id            {@link #idOf}(monitor, url, jobId, type)
 * @param type          what happened
 * @param monitor       the monitor's name
 * @param url           the URL checked (the result's normalised {@code url}; its {@code input} when it had none)
 * @param jobId         the run that saw it ({@link MonitorJobId})
 * @param at            when that run checked the URL (the result's {@code checkedAt})
 * @param previous      the URL's state before; null when there was none
 * @param current       the URL's state now
 * @param detail        what changed, for a person: {@code "HTTP_ERROR 503, 2 failures in a row (was OK 200)"}
 * @param text          a one-line message for chat: Slack and compatible webhooks show this field
 */
public record MonitorEvent(
        int schemaVersion,
        String id,
        Type type,
        String monitor,
        String url,
        String jobId,
        Instant at,
        State previous,
        State current,
        String detail,
        String text) {

    /** The version written by this code. */
    public static final int SCHEMA_VERSION = 1;

    /** What happened to a URL. These names are a public contract: filters and alerts use them. */
    public enum Type {
        /** It was OK, and has now failed {@link Monitor#brokenAfter()} times in a row. */
        BROKEN,
        /** It was {@link #BROKEN} and is OK again. */
        RECOVERED,
        /** Its status code, final URL or title changed, while it stayed OK or stayed broken. */
        CHANGED,
        /** Its certificate ends within {@link Monitor#certExpiryDays()} days. */
        CERT_EXPIRING
    }

    /** What a run saw of a URL, as far as events compare it. */
    public record State(Outcome outcome, Integer statusCode, String finalUrl, String title, Instant certificateNotAfter) {

        /** The state a result shows. */
        public static State of(CheckResult result) {
            return new State(result.outcome(), result.statusCode(), result.finalUrl(), result.title(),
                    result.tls() == null ? null : result.tls().notAfter());
        }

        /** {@code OK 200} or {@code TIMEOUT}: the outcome, and the status code when there was a response. */
        public String brief() {
            return outcome + (statusCode == null ? "" : " " + statusCode);
        }
    }

    /** An event of {@code type} that the run {@code current} raised, with its id and chat text filled in. */
    public static MonitorEvent of(Type type, String monitor, CheckResult current, State previous, String detail) {
        String url = current.url() != null ? current.url() : current.input();
        return new MonitorEvent(SCHEMA_VERSION, idOf(monitor, url, current.jobId(), type), type, monitor, url,
                current.jobId(), current.checkedAt(), previous, State.of(current), detail,
                textOf(type, monitor, url, detail));
    }

    /** The id every processing of the same result gives the same event: a SHA-256 prefix, 32 hex digits. */
    public static String idOf(String monitor, String url, String jobId, Type type) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((monitor + '\n' + url + '\n' + jobId + '\n' + type).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code [docs-site] BROKEN https://example.com/a: HTTP_ERROR 503 (was OK 200)}. */
    public static String textOf(Type type, String monitor, String url, String detail) {
        return "[" + monitor + "] " + type + " " + url + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }
}
