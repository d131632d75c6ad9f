package io.urlcheck.worker.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The warm-up's own web site, on an ephemeral port of 127.0.0.1 in the worker's Vert.x: a page with a title,
 * a redirect to it and a missing page, so that the warm-up runs the code of the common outcomes. It listens on
 * loopback only and lives only for the warm-up.
 */
public final class WarmUpTarget implements AutoCloseable {

    private static final Buffer PAGE = Buffer.buffer(("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width\"><title>urlcheck warm-up &amp; page</title>"
            + "<link rel=\"stylesheet\" href=\"/style.css\"></head><body><h1>Warm-up</h1>"
            + "<p>" + "A page for the worker's first checks. ".repeat(24) + "</p></body></html>\n")
            .getBytes(StandardCharsets.UTF_8));

    private final HttpServer server;

    private WarmUpTarget(HttpServer server) {
        this.server = server;
    }

    /** Starts listening; fails if it is not listening within {@code timeout}. */
    public static WarmUpTarget start(Vertx vertx, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(WarmUpTarget::answer);
        server.listen().toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return new WarmUpTarget(server);
    }

    private static void answer(HttpServerRequest request) {
        switch (request.path()) {
            case "/" -> request.response().putHeader("content-type", "text/html; charset=utf-8").end(PAGE);
            case "/moved" -> request.response().setStatusCode(301).putHeader("location", "/").end();
            default -> request.response().setStatusCode(404).putHeader("content-type", "text/plain").end("not found");
        }
    }

    /** Its URLs, in the mix the warm-up checks them: mostly the page, then a redirect and a missing page. */
    public List<String> urls() {
        String base = "http://127.0.0.1:" + server.actualPort();
        return List.of(base + "/", base + "/", base + "/moved", base + "/", base + "/missing");
    }

    @Override
    public void close() {
        server.close();
    }
}
