package io.urlcheck.worker.http;

import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.HopResult;
import io.urlcheck.worker.HttpPort;
import io.urlcheck.worker.TargetUrl;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.TrustOptions;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The network edge of a check, on the non-blocking Vert.x HTTP client. Each {@link #get} is one
 * {@link Exchange}, run on the event loop its host is pinned to: hosts are spread over every event
 * loop by hash, so connections, response parsing and title extraction use all cores, while one
 * host's connections stay on one loop and its pooled connections are reused without a thread hop.
 * Name lookups use the platform resolver (so /etc/hosts and the system's DNS settings apply) on a
 * small dedicated worker pool, each bounded by the attempt's deadline.
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
    private final List<Context> loops;

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
        this.loops = eventLoopContexts(vertx);
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
        return new Exchange(vertx, client, settings, url, address, deadlineNanos).startOn(loopFor(url.host()));
    }

    /** The context of the event loop that runs every exchange with {@code host}. */
    Context loopFor(String host) {
        int h = host.hashCode() * 0x9E3779B9; // spread similar names (127.0.0.1, 127.0.0.2...) evenly
        return loops.get(Math.floorMod(h ^ (h >>> 16), loops.size()));
    }

    /** One context per event loop of {@code vertx}, so work can be placed on each loop on purpose. */
    private static List<Context> eventLoopContexts(Vertx vertx) {
        VertxInternal internal = (VertxInternal) vertx;
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        List<Context> contexts = new ArrayList<>();
        for (EventExecutor loop : internal.getEventLoopGroup()) {
            contexts.add(internal.createEventLoopContext((EventLoop) loop, null, tccl));
        }
        return List.copyOf(contexts);
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
