package io.urlcheck.sink.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The sink's own settings; the datasource uses the standard {@code quarkus.datasource.*} keys. */
@ConfigMapping(prefix = "urlcheck.sink")
public interface SinkConfig {

    /** Which store keeps results: {@code json} (files, the embedded default) or {@code postgres}. */
    @WithDefault("json")
    StoreKind store();

    /** The JSON store's settings. */
    Json json();

    /** How the consumer retries a store that is down. */
    Retry retry();

    /** How long a computed summary may be reused while nothing was stored through this sink (bounds staleness across replicas). */
    @WithDefault("5s")
    Duration summaryMaxAge();

    /** How many jobs {@code GET /api/jobs} lists at most. */
    @WithDefault("50")
    int recentJobs();

    /** The monitors' events and gauges. */
    Monitors monitors();

    /** The store implementations. */
    enum StoreKind { json, postgres }

    /** The JSON store's settings. */
    interface Json {
        /** The directory holding results.jsonl, results.json and jobs.jsonl; created when missing. */
        @WithDefault("data")
        String dir();

        /** results.json is rewritten at most this often (and once at shutdown); results.jsonl is the truth. */
        @WithDefault("1s")
        Duration snapshotInterval();

        /** The share of the heap ({@code -Xmx}) the in-memory index may hold, 1-90 %; past it new results are refused and wait in Kafka. */
        @WithDefault("50")
        int indexHeapPercent();
    }

    /** Backoff while the store is unavailable: the consumer stops, retries, and never skips. */
    interface Retry {
        /** The first wait after a failed write. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest wait between attempts; the backoff doubles up to it. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    /** The monitors' events and gauges. */
    interface Monitors {
        /** How often the per-monitor gauges ({@code urlcheck_monitor_urls}, {@code ..._last_run_timestamp_seconds}) are read from the store. */
        @WithDefault("15s")
        Duration metricsInterval();
    }
}
