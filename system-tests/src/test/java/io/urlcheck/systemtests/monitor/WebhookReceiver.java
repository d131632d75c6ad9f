package io.urlcheck.systemtests.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.urlcheck.contract.DaemonThreads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A chat endpoint on loopback, as Slack's incoming webhook would be, that keeps every POST: the worker's notifier
 * is pointed at {@link #url(String)}. It answers the first try of each event (by {@code X-Urlcheck-Event-Id})
 * with 503, as a briefly overloaded endpoint would, and every later one with 200, so that the notifier's retry is
 * part of every delivery.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One POST as it arrived: path, the event-id and idempotency headers, content type, body and the status answered. */
    record Delivery(String path, String eventId, String idempotencyKey, String contentType, String body, int status) {

        /** Whether it was answered 2xx: the endpoint took the event. */
        boolean accepted() {
            return status / 100 == 2;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("webhook-receiver"));
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 and a free port. */
    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(receiver.executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the webhook receiver", e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("POST")) {
                String path = exchange.getRequestURI().getPath();
                String eventId = exchange.getRequestHeaders().getFirst("X-Urlcheck-Event-Id");
                int status;
                synchronized (deliveries) {
                    boolean firstTry = deliveries.stream().noneMatch(d -> d.path().equals(path) && d.eventId() != null
                            && d.eventId().equals(eventId));
                    status = firstTry ? 503 : 200;
                    deliveries.add(new Delivery(path, eventId, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
                }
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every POST to {@code path} so far, in arrival order. */
    List<Delivery> deliveries(String path) {
        return deliveries.stream().filter(d -> d.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
