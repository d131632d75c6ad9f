package io.urlcheck.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback webhook: records every request (path, headers, body) and answers each path from its script of
 * statuses (the last one repeats; 200 when unscripted), holding a path marked {@link #hang} unanswered until it is
 * {@linkplain #release released} or the receiver closed.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, String body) {

        /** The first value of {@code name}, case-insensitively; null when absent. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** A receiver on a free loopback port. */
    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(receiver.threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a webhook receiver", e);
        }
    }

    /** Answers {@code path} with these statuses in turn, then the last one again. */
    public WebhookReceiver script(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
        return this;
    }

    /** Holds requests to {@code path} open, unanswered, until {@link #release} or {@link #close()}. */
    public WebhookReceiver hang(String path) {
        hanging.put(path, new CountDownLatch(1));
        return this;
    }

    /** Answers the held requests to {@code path}, and later ones, as scripted. */
    public void release(String path) {
        CountDownLatch latch = hanging.remove(path);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** The URL of {@code path} on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request to {@code path} so far. */
    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests held open by {@link #hang} now. */
    public int hangingNow() {
        return waiting.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
        CountDownLatch held = hanging.get(path);
        if (held != null) {
            waiting.incrementAndGet();
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            } finally {
                waiting.decrementAndGet();
            }
        }
        Queue<Integer> script = scripts.get(path);
        int status;
        synchronized (this) {
            status = script == null ? 200 : script.size() > 1 ? script.poll() : script.peek();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        hanging.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        threads.shutdownNow();
    }
}
