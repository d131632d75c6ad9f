package io.urlcheck.worker.support;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.UrlParts;
import io.urlcheck.worker.CheckEngine;
import io.urlcheck.worker.HostLimiter;
import io.urlcheck.worker.NameResolver;
import io.urlcheck.worker.RetryPolicy;
import io.urlcheck.worker.address.AddressPolicy;
import io.urlcheck.worker.config.WorkerConfig;
import io.urlcheck.worker.http.DnsResolver;
import io.urlcheck.worker.http.VertxHttpPort;
import io.urlcheck.worker.http.VertxScheduler;
import io.vertx.core.Vertx;
import io.vertx.core.net.TrustOptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Builds the real checking engine on the real Vert.x edge for tests, with settings a test can change
 * one at a time: {@code Checkers.defaults(vertx).maxRetries(0).build()}.
 */
public final class Checkers {

    private final Vertx vertx;
    private int maxInFlight = 64;
    private int maxPerHost = 8;
    private Optional<Integer> maxPerAddress = Optional.empty();
    private Duration minHostInterval = Duration.ZERO;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration headerTimeout = Duration.ofSeconds(3);
    private int maxRetries = 0;
    private Duration backoffBase = Duration.ofMillis(50);
    private Duration backoffMax = Duration.ofSeconds(1);
    private DoubleSupplier jitter = Math::random;
    private Duration retryAfterCap = Duration.ofSeconds(5);
    private int maxRedirects = 10;
    private int maxBodyBytes = 1024 * 1024;
    private List<String> allow = List.of("127.0.0.0/8");
    private TrustOptions trust;
    private NameResolver resolver;

    private Checkers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Test defaults: loopback allowed, no retries, short timeouts. */
    public static Checkers defaults(Vertx vertx) {
        return new Checkers(vertx);
    }

    public Checkers maxInFlight(int v) { maxInFlight = v; return this; }
    public Checkers maxPerHost(int v) { maxPerHost = v; return this; }
    public Checkers maxPerAddress(int v) { maxPerAddress = Optional.of(v); return this; }
    /** Resolves names with {@code v} instead of the production {@link DnsResolver} (the system's DNS settings). */
    public Checkers resolver(NameResolver v) { resolver = v; return this; }
    public Checkers minHostInterval(Duration v) { minHostInterval = v; return this; }
    public Checkers requestTimeout(Duration v) { requestTimeout = v; return this; }
    public Checkers headerTimeout(Duration v) { headerTimeout = v; return this; }
    public Checkers maxRetries(int v) { maxRetries = v; return this; }
    public Checkers retryAfterCap(Duration v) { retryAfterCap = v; return this; }
    /** Every retry waits exactly {@code v}: no jitter, no doubling. */
    public Checkers fixedBackoff(Duration v) { backoffBase = v; backoffMax = v; jitter = () -> 1.0; return this; }
    public Checkers maxRedirects(int v) { maxRedirects = v; return this; }
    public Checkers maxBodyBytes(int v) { maxBodyBytes = v; return this; }
    public Checkers allow(List<String> v) { allow = v; return this; }
    public Checkers trust(TrustOptions v) { trust = v; return this; }

    /** The engine, with its limiter exposed for assertions. */
    public Built build() {
        VertxScheduler scheduler = new VertxScheduler(vertx);
        HostLimiter limiter = new HostLimiter(maxInFlight, maxPerHost, WorkerConfig.perAddressLimit(maxPerHost, maxPerAddress),
                minHostInterval.toNanos(), System::nanoTime, scheduler);
        VertxHttpPort port = new VertxHttpPort(vertx,
                new VertxHttpPort.Settings(connectTimeout, headerTimeout, maxBodyBytes, maxPerHost), trust);
        RetryPolicy retry = new RetryPolicy(maxRetries, backoffBase, backoffMax, retryAfterCap, jitter);
        CheckEngine engine = new CheckEngine(port, resolver != null ? resolver : new DnsResolver(vertx), limiter, AddressPolicy.allowing(allow), retry, scheduler,
                System::nanoTime, Clock.systemUTC(), new CheckEngine.Settings(maxRedirects, requestTimeout, "test-worker"),
                new CheckEngine.Listener() { });
        return new Built(engine, limiter);
    }

    /** A built engine and its limiter. */
    public record Built(CheckEngine engine, HostLimiter limiter) {

        /** Checks {@code url} and waits (bounded) for the result. */
        public CheckResult check(String url) {
            try {
                return engine.check(request(url)).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("check of " + url + " did not complete", e);
            }
        }
    }

    /** A request for {@code url}, keyed by its host as the producer would. */
    public static CheckRequest request(String url) {
        String host = UrlParts.hostOf(url);
        return new CheckRequest(1, UUID.randomUUID().toString(), "test-job", url, url, host == null ? "unknown" : host,
                Instant.now());
    }
}
