package io.urlcheck.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback whose paths are programmable, for tests and benchmarks that need
 * targets: {@code server.stub("/a", TargetResponse.page("A"))}. Unstubbed paths follow conventions so
 * that many URLs need no setup:
 * <ul>
 *   <li>{@code /status/{code}}: that status;</li>
 *   <li>{@code /delay/{millis}}: 200 after that delay;</li>
 *   <li>{@code /title/{text}}: a page with that title;</li>
 *   <li>anything else: 404.</li>
 * </ul>
 * Query strings are ignored for matching, so {@code /status/200?n=7} gives distinct URLs with one behaviour.
 */
public final class TargetServer implements AutoCloseable {

    private final Vertx vertx;
    private final String host;
    private final HttpServer server;
    private final Map<String, TargetResponse> stubs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, List<SeenRequest>> recorded = new ConcurrentHashMap<>();

    /**
     * One request a recorded path received: its method, query, headers (names in lower case, first value)
     * and when it arrived ({@link System#nanoTime()}).
     */
    public record SeenRequest(String method, String query, Map<String, String> headers, long arrivedNanos) {
    }

    private TargetServer(Vertx vertx, String host) {
        this.vertx = vertx;
        this.host = host;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0))
                .requestHandler(this::handle);
        await(server.listen().toCompletionStage().toCompletableFuture());
    }

    /** Starts a target on 127.0.0.1 and a free port. */
    public static TargetServer start() {
        return start("127.0.0.1");
    }

    /** Starts a target on {@code host} (any 127.x.y.z address on Linux) and a free port. */
    public static TargetServer start(String host) {
        return new TargetServer(Vertx.vertx(), host);
    }

    /** Makes {@code path} answer {@code response}; replaces an earlier stub of the same path. */
    public TargetServer stub(String path, TargetResponse response) {
        stubs.put(path, response);
        return this;
    }

    /** Records every request to {@code path} (without query) from now on, for {@link #requests(String)}. */
    public TargetServer record(String path) {
        recorded.putIfAbsent(path, new CopyOnWriteArrayList<>());
        return this;
    }

    /** The requests {@code path} received since {@link #record(String)}, in arrival order. */
    public List<SeenRequest> requests(String path) {
        List<SeenRequest> seen = recorded.get(path);
        return seen == null ? List.of() : List.copyOf(seen);
    }

    /** The absolute URL of {@code path} on this server, on the address it was started on. */
    public String url(String path) {
        return "http://" + host + ":" + port() + path;
    }

    /** The port this server listens on. */
    public int port() {
        return server.actualPort();
    }

    /** How many requests {@code path} (without query) has received. */
    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        List<SeenRequest> seen = recorded.get(path);
        if (seen != null) {
            Map<String, String> headers = new HashMap<>();
            request.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            seen.add(new SeenRequest(request.method().name(), request.query(), Map.copyOf(headers), System.nanoTime()));
        }
        TargetResponse response = stubs.getOrDefault(path, conventional(path));
        if (response.delay().isZero()) {
            send(request, response);
        } else {
            vertx.setTimer(response.delay().toMillis(), id -> send(request, response));
        }
    }

    private static TargetResponse conventional(String path) {
        String[] parts = path.split("/", 3);
        if (parts.length == 3) {
            try {
                switch (parts[1]) {
                    case "status":
                        return TargetResponse.status(Integer.parseInt(parts[2]));
                    case "delay":
                        return TargetResponse.ok().withDelay(Duration.ofMillis(Long.parseLong(parts[2])));
                    case "title":
                        return TargetResponse.page(parts[2]);
                    default:
                        break;
                }
            } catch (NumberFormatException e) {
                return TargetResponse.status(400);
            }
        }
        return TargetResponse.status(404);
    }

    private static void send(HttpServerRequest request, TargetResponse response) {
        var out = request.response().setStatusCode(response.status());
        response.headers().forEach(out::putHeader);
        out.end(Buffer.buffer(response.body()));
    }

    @Override
    public void close() {
        await(server.close().toCompletionStage().toCompletableFuture());
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("target server operation failed", e);
        }
    }
}
