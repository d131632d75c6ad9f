package io.urlcheck.contract;

import java.util.List;

/** The Kafka topics urlcheck reads and writes; the one place their names are spelled. */
public final class Topics {

    /** Raw input from any Kafka client: a plain-text URL or {@code {"url": "...", "jobId": "..."}}; key free. */
    public static final String INTAKE = "urlcheck.intake";

    /** Validated {@link CheckRequest}s, keyed by host so that a host's URLs share one partition. */
    public static final String REQUESTS = "urlcheck.requests";

    /** One {@link CheckResult} per check, keyed by URL. */
    public static final String RESULTS = "urlcheck.results";

    /** Records that could not be decoded at all; the reason travels in headers. */
    public static final String DEAD_LETTER = "urlcheck.dead-letter";

    /** {@link JobTotals} per job or per contributor of a job, keyed by {@link JobTotals#recordKey()}; compacted, so the latest per key wins. */
    public static final String JOBS = "urlcheck.jobs";

    /** {@link Monitor}s keyed by name; compacted, a tombstone removes one. Holds up to {@link #MONITORS_MAX_MESSAGE_BYTES} a record. */
    public static final String MONITORS = "urlcheck.monitors";

    /** The last tick each monitor fired, keyed by monitor name; compacted, with as many partitions as {@link #MONITORS}. */
    public static final String MONITOR_TICKS = "urlcheck.monitor-ticks";

    /** {@link MonitorEvent}s, keyed by URL. */
    public static final String EVENTS = "urlcheck.events";

    /** {@link MonitorEvent}s a webhook refused for good or never took within the retry budget; the reason travels in the dead-letter headers. */
    public static final String EVENTS_UNDELIVERED = "urlcheck.events.undelivered";

    /** Every topic, in the order a fresh cluster should create them. */
    public static final List<String> ALL = List.of(INTAKE, REQUESTS, RESULTS, DEAD_LETTER, JOBS, MONITORS, MONITOR_TICKS,
            EVENTS, EVENTS_UNDELIVERED);

    /** The compacted topics: each key's latest record is what counts. */
    public static final List<String> COMPACTED = List.of(JOBS, MONITORS, MONITOR_TICKS);

    /** The largest record {@link #MONITORS} takes (its {@code max.message.bytes}): a monitor of {@link Monitor#MAX_URLS} long URLs, compressed. */
    public static final int MONITORS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** Header on a dead-letter record: why it could not be decoded. */
    public static final String HEADER_DLQ_REASON = "urlcheck-dlq-reason";
    /** Header on a dead-letter record: the topic the record came from. */
    public static final String HEADER_DLQ_TOPIC = "urlcheck-dlq-topic";
    /** Header on a dead-letter record: partition and offset it came from, as {@code partition:offset}. */
    public static final String HEADER_DLQ_POSITION = "urlcheck-dlq-position";
    /** Header on a dead-letter record whose value was cut to fit: the original value's size in bytes. */
    public static final String HEADER_DLQ_ORIGINAL_BYTES = "urlcheck-dlq-original-bytes";

    private Topics() {
    }
}
