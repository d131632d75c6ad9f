package io.urlcheck.worker.http;

import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.HopResult;
import io.urlcheck.worker.HttpPort;
import io.urlcheck.worker.TargetUrl;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.TrustOptions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network edge of a check, on the non-blocking Vert.x HTTP client. Each {@link #get} is one
 * {@link Exchange}. Name lookups use the platform resolver (so /etc/hosts and the system's DNS
 * settings apply) on a small dedicated worker pool, each bounded by the attempt's deadline.
 */
public final class VertxHttpPort implements HttpPort, AutoCloseable {

    /** Threads for name lookups; the JDK resolver blocks, so it is kept off the event loops. */
    static final int DNS_THREADS = 8;

    /** The exchange limits, from {@code WorkerConfig}. */
    public record Settings(Duration connectTimeout, Duration headerTimeout, int maxBodyBytes, int maxPerHost) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final WorkerExecutor dns;
    private final Settings settings;

    /** A port trusting the JDK's default CAs, or {@code trust} instead when given (tests). */
    public VertxHttpPort(Vertx vertx, Settings settings, TrustOptions trust) {
        this.vertx = vertx;
        this.settings = settings;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .setMaxPoolSize(Math.max(1, settings.maxPerHost()))
                .setKeepAlive(true)
                .setKeepAliveTimeout(10)
                .setTryUseCompression(false) // decompression is ours, bounded by max-body-bytes
                .setDecompressionSupported(false)
                .setVerifyHost(true)
                .setForceSni(true)
                .setTrustAll(false);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options);
        this.dns = vertx.createSharedWorkerExecutor("urlcheck-dns", DNS_THREADS, 30, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<Resolution> resolve(String host, long deadlineNanos) {
        CompletableFuture<Resolution> result = new CompletableFuture<>();
        long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        long timer = vertx.setTimer(remainingMs, id -> result.complete(new Resolution(null,
                new HopResult.Failure(Outcome.TIMEOUT, "DNS lookup of " + host + " did not finish before the deadline"))));
        dns.<InetAddress>executeBlocking(() -> InetAddress.getAllByName(host)[0], false).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                result.complete(new Resolution(ar.result(), null));
            } else if (ar.cause() instanceof UnknownHostException) {
                result.complete(new Resolution(null, new HopResult.Failure(Outcome.DNS_FAILURE, "unknown host " + host)));
            } else {
                result.complete(new Resolution(null, new HopResult.Failure(Outcome.DNS_FAILURE,
                        "DNS lookup of " + host + " failed: " + ar.cause())));
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<HopResult> get(TargetUrl url, InetAddress address, long deadlineNanos) {
        return new Exchange(vertx, client, settings, url, address, deadlineNanos).start();
    }

    @Override
    public void close() {
        dns.close();
        client.close();
    }

    /** A guard that lets exactly one of several racing completions through. */
    static final class Once {
        private final AtomicBoolean done = new AtomicBoolean();

        boolean claim() {
            return done.compareAndSet(false, true);
        }

        boolean isDone() {
            return done.get();
        }
    }
}
