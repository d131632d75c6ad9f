package io.urlcheck.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The worker's settings, {@code urlcheck.worker.*}; the launcher passes these names unchanged. */
@ConfigMapping(prefix = "urlcheck.worker")
public interface WorkerConfig {

    /** Checks in flight at once on this worker, across all hosts. */
    @WithDefault("256")
    int maxInFlight();

    /** Checks in flight at once against one host name: the request's host (the record key), or a redirect hop's own host. */
    @WithDefault("8")
    int maxPerHost();

    /** Checks in flight at once against one resolved address, whatever names point there; unset, 4 x max-per-host. */
    Optional<Integer> maxPerAddress();

    /** The effective {@link #maxPerAddress()}. */
    default int perAddressLimit() {
        return perAddressLimit(maxPerHost(), maxPerAddress());
    }

    /**
     * {@code maxPerAddress} as set; unset, 4 x max-per-host: one address often serves many sites (a CDN,
     * shared hosting), so it gets more slots than one name, but no longer every slot of the worker.
     */
    static int perAddressLimit(int maxPerHost, Optional<Integer> maxPerAddress) {
        return maxPerAddress.orElse(4 * maxPerHost);
    }

    /** Minimum time between the starts of two requests to one host; 0 means no spacing. */
    @WithDefault("0ms")
    Duration minHostInterval();

    /** Requests taken from Kafka and not yet finished (queued, in backoff, in flight); see {@link #pendingWindow(int, Optional)}. */
    Optional<Integer> maxPending();

    /** The smallest default window: a request waiting in it costs about 1 KiB, so this is about 8 MiB. */
    int MIN_DEFAULT_PENDING = 2048;

    /** The effective {@link #maxPending()}. */
    default int pendingWindow() {
        return pendingWindow(maxInFlight(), maxPending());
    }

    /**
     * {@code maxPending} as set but at least {@code maxInFlight}; unset, 4 x max-in-flight but at least
     * {@link #MIN_DEFAULT_PENDING}. Records arrive a partition at a time, so a window of only a few
     * hundred holds the few hosts of one partition, which queue behind max-per-host while global slots
     * stay free; a deeper window reaches the next partitions' hosts.
     */
    static int pendingWindow(int maxInFlight, Optional<Integer> maxPending) {
        return Math.max(maxInFlight, maxPending.orElse(Math.max(4 * maxInFlight, MIN_DEFAULT_PENDING)));
    }

    /** Whole-attempt deadline: connect, headers, redirects and body of one try. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Wait for a connection per hop (TCP connect and TLS handshake), for jobs that do not set their own deadline. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Wait for the response headers after the request was sent, per hop, for jobs that do not set their own deadline. */
    @WithDefault("5s")
    Duration headerTimeout();

    /** Retries after the first try for transient failures: timeouts, connection errors, SERVFAIL, 5xx (but 501, 505, 506, 508, 510), 429. */
    @WithDefault("2")
    int maxRetries();

    /** First retry's backoff; each further retry doubles it, with full jitter. */
    @WithDefault("500ms")
    Duration retryBackoffBase();

    /** Upper bound of one computed backoff. */
    @WithDefault("10s")
    Duration retryBackoffMax();

    /** Upper bound of a server's Retry-After; a longer one is cut to this. */
    @WithDefault("30s")
    Duration retryAfterCap();

    /** Redirects followed by hand; one more ends as TOO_MANY_REDIRECTS. */
    @WithDefault("10")
    int maxRedirects();

    /** Body bytes read per response (after decompression); then the connection is closed, not drained. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** CIDR ranges allowed despite the built-in block list (comma list), e.g. 127.0.0.0/8 for loopback targets. */
    Optional<List<String>> allowCidrs();

    /**
     * CIDR ranges blocked on top of the built-in block list (comma list), winning over {@link #allowCidrs()}: a
     * cluster on public addresses, or the part of an allowed private network that checks must not reach.
     */
    Optional<List<String>> denyCidrs();

    /** Time given to in-flight checks at shutdown before the worker exits without them. */
    @WithDefault("20s")
    Duration drainGrace();

    /** This worker's name in results; defaults to the host name. */
    Optional<String> id();

    /** How monitor events are POSTed to webhooks, {@code urlcheck.worker.webhook.*}. */
    Webhook webhook();

    /** The checks a starting worker makes against its own loopback page before it joins the group, {@code urlcheck.worker.warm-up.*}. */
    WarmUpSettings warmUp();

    /** The start-up warm-up ({@code io.urlcheck.worker.WarmUp}): it moves the first checks' cold code out of the first records' way. */
    interface WarmUpSettings {

        /** Checks made before the worker takes any partition; 0 turns the warm-up off. */
        @WithDefault("500")
        int checks();

        /** The longest the warm-up may hold the start; then the worker starts as it is. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** The webhook notifier's settings; its retry budget must stay below the events channel's unprocessed-record max age. */
    interface Webhook {

        /** Events taken from {@code urlcheck.events} and not yet delivered or dead-lettered; when reached, the consumer waits. */
        @WithDefault("64")
        int maxInFlight();

        /** Connections at once to one webhook host (the notifier's own pool, apart from the checks'). */
        @WithDefault("4")
        int maxPerHost();

        /** TCP (and TLS handshake) connect timeout of one try. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Whole-try deadline: lookup, connect, sending the event and the response's status line. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Wait before the first retry; each further retry doubles it. */
        @WithDefault("1s")
        Duration retryBackoffBase();

        /** Longest wait between two tries, a webhook's Retry-After included. */
        @WithDefault("1m")
        Duration retryBackoffMax();

        /** No try starts later than this after the first; then the event is dead-lettered as undelivered. */
        @WithDefault("5m")
        Duration retryBudget();

        /** Deliveries remembered to drop a repeat of the same event to the same webhook (about 200 bytes each). */
        @WithDefault("10000")
        int dedupCapacity();

        /** How long a delivery is remembered to drop a repeat. */
        @WithDefault("1h")
        Duration dedupWindow();
    }
}
