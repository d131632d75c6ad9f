package io.urlcheck.worker.http;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.urlcheck.worker.HopRequest;
import io.urlcheck.worker.HopResult;
import io.urlcheck.worker.HttpPort;
import io.urlcheck.worker.TargetUrl;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.TrustOptions;
import org.jboss.logging.Logger;

import javax.net.ssl.TrustManagerFactory;

import java.net.InetAddress;
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
 * Names are resolved before, by {@link DnsResolver}. A job that accepts invalid certificates uses a
 * second client, created at its first use, that trusts every certificate; the default one never does.
 */
public final class VertxHttpPort implements HttpPort, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VertxHttpPort.class);

    /**
     * The most bytes of response headers read, all lines together: Vert.x's default of 8 KiB is less than real sites
     * send (large {@code Content-Security-Policy}, {@code Set-Cookie} or {@code Link} headers); curl takes 100 KiB.
     * A response over it is a permanent {@code CONNECTION_ERROR} ({@link FailureMapper}).
     */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** The longest status line read (Vert.x's default, 4 KiB); a longer one fails as headers over their limit do. */
    static final int MAX_INITIAL_LINE_BYTES = HttpClientOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH;

    /** The exchange limits, from {@code WorkerConfig}. */
    public record Settings(Duration connectTimeout, Duration headerTimeout, int maxBodyBytes, int maxPerHost) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Settings settings;
    private final TrustOptions trust;
    private final List<Context> loops;
    private final SeenConnections seen = new SeenConnections();
    private Insecure insecure; // guarded by this; created at the first insecure hop

    /** The trust-all client and the judge of the certificates it lets through. */
    private record Insecure(HttpClient client, CertificateProblem certificates) {
    }

    /** A port trusting the JDK's default CAs, or {@code trust} instead when given (tests). */
    public VertxHttpPort(Vertx vertx, Settings settings, TrustOptions trust) {
        this.vertx = vertx;
        this.settings = settings;
        this.trust = trust;
        HttpClientOptions options = clientOptions(settings)
                .setVerifyHost(true)
                .setTrustAll(false);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = client(vertx, options);
        this.loops = eventLoopContexts(vertx);
    }

    /**
     * The client's own caps on a TCP connect and a TLS handshake, which go on in the pool after the check that asked for
     * them has ended. Each exchange bounds its own wait for a connection, by the worker's {@code connect-timeout} or by
     * the job's own deadline ({@link Exchange}), so these only bound the leftover work: long enough for any connect that
     * will still succeed (SYN retries are 1, 3, 7, 15 and 31 s in) and for a job deadline past Vert.x's 10 s handshake
     * timeout, which cut it as a TLS error, and short enough that the connects of checks to dead hosts do not pile up
     * for the minutes the kernel would keep trying.
     */
    static final long CONNECTION_WORK_CAP_MS = 35_000;

    /**
     * A client whose every connection has an exception handler. Without one, Vert.x logs each exception on a
     * connection at ERROR ({@code ConnectionBase}) before it fails the exchange on it: one line per server that resets,
     * answers something that is not HTTP or headers over the limit, which a worker checking the public web can do
     * nothing about. The exchange in flight still gets the exception and reports it as the check's outcome; one on an
     * idle pooled connection concerns no check (the pool drops the connection when it closes), so it is only logged at
     * DEBUG.
     */
    static HttpClient client(Vertx vertx, HttpClientOptions options) {
        return vertx.httpClientBuilder()
                .with(options)
                .with(options.getPoolOptions())
                .withConnectHandler(VertxHttpPort::onNewConnection)
                .build();
    }

    private static void onNewConnection(HttpConnection connection) {
        connection.exceptionHandler(e -> LOG.debugf("connection to %s: %s", connection.remoteAddress(), e.toString()));
    }

    private static HttpClientOptions clientOptions(Settings settings) {
        long cap = Math.max(settings.connectTimeout().toMillis(), CONNECTION_WORK_CAP_MS);
        return new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, cap))
                .setSslHandshakeTimeout(cap)
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxPoolSize(Math.max(1, settings.maxPerHost()))
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setKeepAlive(true)
                .setKeepAliveTimeout(10)
                .setTryUseCompression(false) // decompression is ours, bounded by max-body-bytes
                .setDecompressionSupported(false)
                .setForceSni(true);
    }

    @Override
    public CompletableFuture<HopResult> send(TargetUrl url, InetAddress address, HopRequest hop, long deadlineNanos) {
        Exchange exchange;
        if (hop.insecure() && url.https()) {
            Insecure lax = insecure();
            exchange = new Exchange(vertx, lax.client(), settings, url, hop, lax.certificates(), address, deadlineNanos, seen);
        } else {
            exchange = new Exchange(vertx, client, settings, url, hop, null, address, deadlineNanos, seen);
        }
        return exchange.startOn(loopFor(url.host()));
    }

    private synchronized Insecure insecure() {
        if (insecure == null) {
            TrustManagerFactory judged;
            try {
                judged = trust != null ? trust.getTrustManagerFactory(vertx) : CertificateProblem.defaultTrust();
            } catch (Exception e) {
                throw new IllegalStateException("cannot load the trust that judges insecure jobs' certificates", e);
            }
            HttpClient lax = client(vertx, clientOptions(settings).setTrustAll(true).setVerifyHost(false));
            insecure = new Insecure(lax, new CertificateProblem(judged));
        }
        return insecure;
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
        client.close();
        synchronized (this) {
            if (insecure != null) {
                insecure.client().close();
            }
        }
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
