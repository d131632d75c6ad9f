package io.urlcheck.worker.support;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PfxOptions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A loopback HTTP server whose paths misbehave on purpose (drip, stall, endless bodies, bombs...),
 * plus raw-TCP variants for answers that are not HTTP at all. Counts hits, and concurrency per path,
 * so tests can assert what the worker did to it.
 */
public final class HostileServer implements AutoCloseable {

    private final Vertx vertx;
    private final String host;
    private final boolean tls;
    private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    private HttpServer http;
    private NetServer raw;

    private HostileServer(Vertx vertx, String host, boolean tls) {
        this.vertx = vertx;
        this.host = host;
        this.tls = tls;
    }

    /** An HTTP server on {@code host} (any 127.x.y.z) and a free port. */
    public static HostileServer http(Vertx vertx, String host) {
        HostileServer s = new HostileServer(vertx, host, false);
        s.http = await(vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0)).requestHandler(s::handle).listen());
        return s;
    }

    /** An HTTPS server with the key store at {@code keyStore} (PKCS#12, password {@code password}). */
    public static HostileServer https(Vertx vertx, String host, String keyStore, String password) {
        HostileServer s = new HostileServer(vertx, host, true);
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(0).setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(keyStore).setPassword(password));
        s.http = await(vertx.createHttpServer(options).requestHandler(s::handle).listen());
        return s;
    }

    /** A raw TCP server that answers every connection with a TCP reset (SO_LINGER 0, then close). */
    public static HostileServer resetting(Vertx vertx, String host) {
        HostileServer s = new HostileServer(vertx, host, false);
        s.raw = await(vertx.createNetServer(new io.vertx.core.net.NetServerOptions().setSoLinger(0))
                .connectHandler(socket -> socket.handler(data -> socket.close())).listen(0, host));
        return s;
    }

    /** A raw TCP server that hands each connection to {@code onConnect}: for answers that are not HTTP. */
    public static HostileServer raw(Vertx vertx, String host, Consumer<NetSocket> onConnect) {
        return raw(vertx, host, 0, onConnect);
    }

    /** A raw TCP server on {@code port} (0 for a free one): another address of a name that an HTTP server answers at. */
    public static HostileServer raw(Vertx vertx, String host, int port, Consumer<NetSocket> onConnect) {
        HostileServer s = new HostileServer(vertx, host, false);
        s.raw = await(vertx.createNetServer().connectHandler(onConnect::accept).listen(port, host));
        return s;
    }

    /** Answers {@code path} with {@code handler}. */
    public HostileServer route(String path, Handler<HttpServerRequest> handler) {
        routes.put(path, handler);
        return this;
    }

    /** The URL of {@code path}, with the server's address as host. */
    public String url(String path) {
        return (tls ? "https://" : "http://") + host + ":" + port() + path;
    }

    /** The URL of {@code path} with another host name for this server (e.g. localhost, for TLS names). */
    public String url(String hostName, String path) {
        return (tls ? "https://" : "http://") + hostName + ":" + port() + path;
    }

    public int port() {
        return http != null ? http.actualPort() : raw.actualPort();
    }

    /** Requests that reached {@code path}. */
    public int hits(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    /** The most requests to {@code path} open at the same time. */
    public int peakConcurrency(String path) {
        return peak.getOrDefault(path, new AtomicInteger()).get();
    }

    /** Requests to {@code path} open now. */
    public int activeNow(String path) {
        return active.getOrDefault(path, new AtomicInteger()).get();
    }

    public Vertx vertx() {
        return vertx;
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int now = active.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        peak.computeIfAbsent(path, p -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        Handler<Void> leave = v -> {
            if (over.compareAndSet(false, true)) {
                active.get(path).decrementAndGet();
            }
        };
        request.response().closeHandler(leave);
        request.response().endHandler(leave);
        Handler<HttpServerRequest> route = routes.get(path);
        if (route == null) {
            request.response().setStatusCode(404).end();
        } else {
            route.handle(request);
        }
    }

    @Override
    public void close() {
        if (http != null) {
            await(http.close());
        }
        if (raw != null) {
            await(raw.close());
        }
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("server operation failed", e);
        }
    }
}
