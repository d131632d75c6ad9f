package io.urlcheck.producer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.urlcheck.contract.UrlNormalizer;

import java.time.Duration;
import java.util.Map;

/** Typed configuration of the producer, under {@code urlcheck.producer}. */
@ConfigMapping(prefix = "urlcheck.producer")
public interface ProducerSettings {

    /** Longest accepted URL, in characters, before and after normalization. */
    @WithDefault("" + UrlNormalizer.DEFAULT_MAX_URL_LENGTH)
    int maxUrlLength();

    /** Longest line read from a submission, in bytes; a longer line is rejected unread ("line too long"). */
    @WithDefault("65536")
    int maxLineBytes();

    /** Largest accepted POST body in bytes (1 GiB: a 10-million-line file of ~100-byte URLs fits); larger gets 413. */
    @WithDefault("1073741824")
    long maxBodyBytes();

    /** Distinct URLs remembered per job for deduplication (8 to 16 bytes each); past it, new URLs are not deduplicated. */
    @WithDefault("10000000")
    int dedupMaxUrls();

    /**
     * The share of the heap every job's dedup set may take together (8 to 16 bytes a URL); a set that may not grow
     * stops remembering new URLs, as one past dedup-max-urls does.
     */
    @WithDefault("0.25")
    double dedupHeapShare();

    /** How often a job still being read publishes its running (incomplete) totals. */
    @WithDefault("1s")
    Duration progressInterval();

    /** How long a submission waits for Kafka to acknowledge its records before it answers 503. */
    @WithDefault("150s")
    Duration ackTimeout();

    /** How many finished jobs {@code GET /api/jobs/{id}} remembers (oldest forgotten first). */
    @WithDefault("1000")
    int rememberedJobs();

    /**
     * How far back {@code GET /api/jobs/{id}} looks on {@code urlcheck.jobs} for a job another producer took (one it
     * does not remember itself): the oldest such job it answers for.
     */
    @WithDefault("24h")
    Duration jobLookupLookback();

    /** How long that lookup waits for Kafka before {@code GET /api/jobs/{id}} answers 503. */
    @WithDefault("10s")
    Duration jobLookupTimeout();

    /**
     * Intake jobs one producer keeps open at once (each until its UTC day ends); a record naming one more is
     * dead-lettered. Records without a job id always join the day's standing job.
     */
    @WithDefault("10000")
    int intakeMaxOpenJobs();

    /** How often intake jobs are checked for a UTC day that ended (their running totals go out with each batch). */
    @WithDefault("5s")
    Duration intakeTotalsInterval();

    /** Kafka producer properties that override the tuned defaults (batch.size, linger.ms, compression.type...). */
    Map<String, String> kafka();

    /** Monitors: {@code /api/monitors} and the scheduler that fires their ticks. */
    Monitors monitors();

    /** Settings of monitors, under {@code urlcheck.producer.monitors}. */
    interface Monitors {

        /** Whether this replica runs the scheduler: joins the group that shares the monitors' partitions and fires their ticks. */
        @WithDefault("true")
        boolean scheduler();

        /** The scheduler group's session timeout: how long a replica that died unannounced keeps its monitors from the others (at least the broker's group.min.session.timeout.ms, 6s by default). */
        @WithDefault("45s")
        Duration sessionTimeout();

        /** How often the scheduler looks for due ticks. */
        @WithDefault("1s")
        Duration checkInterval();

        /** How long a replica waits to read the ticks topic up to its end (a new owner before firing, a write before answering) per attempt. */
        @WithDefault("30s")
        Duration catchUpTimeout();

        /** Largest accepted {@code POST /api/monitors} body in bytes; larger gets 413. */
        @WithDefault("67108864")
        long maxBodyBytes();
    }
}
