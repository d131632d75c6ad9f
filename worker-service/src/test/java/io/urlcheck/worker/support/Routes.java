package io.urlcheck.worker.support;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/** Misbehaving and ordinary answers for {@link HostileServer} paths. */
public final class Routes {

    /** Uncompressed size of {@link #gzipBomb()}: 128 MiB of zeros, about 128 KiB on the wire. */
    public static final int BOMB_BYTES = 128 * 1024 * 1024;

    private static byte[] bomb;

    private Routes() {
    }

    /** A status with an empty body. */
    public static Handler<HttpServerRequest> status(int status) {
        return r -> r.response().setStatusCode(status).end();
    }

    /** 200 with {@code body} as {@code contentType}. */
    public static Handler<HttpServerRequest> body(String contentType, byte[] body) {
        return r -> r.response().putHeader("Content-Type", contentType).end(Buffer.buffer(body));
    }

    /** A redirect to {@code location}, as given (absolute or relative). */
    public static Handler<HttpServerRequest> redirect(int status, String location) {
        return r -> r.response().setStatusCode(status).putHeader("Location", location).end();
    }

    /** Headers at once, then one byte every {@code intervalMs}, for ever. */
    public static Handler<HttpServerRequest> drip(Vertx vertx, long intervalMs) {
        return r -> {
            HttpServerResponse resp = r.response().setChunked(true).putHeader("Content-Type", "text/plain");
            resp.write("x");
            long timer = vertx.setPeriodic(intervalMs, id -> {
                if (!resp.closed() && !resp.ended()) {
                    resp.write("x");
                }
            });
            resp.closeHandler(v -> vertx.cancelTimer(timer));
        };
    }

    /** Never answers: the headers never come. */
    public static Handler<HttpServerRequest> stall() {
        return r -> { };
    }

    /** An endless HTML body, written as fast as the client reads; {@code sent} counts the bytes written. */
    public static Handler<HttpServerRequest> endless(AtomicLong sent) {
        byte[] chunk = "<p>more</p>".repeat(6000).getBytes();
        return r -> {
            HttpServerResponse resp = r.response().setChunked(true).putHeader("Content-Type", "text/html");
            resp.write("<html><head><title>Endless</title></head><body>");
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (!resp.closed() && !resp.writeQueueFull()) {
                    resp.write(Buffer.buffer(chunk));
                    sent.addAndGet(chunk.length);
                }
                if (!resp.closed()) {
                    resp.drainHandler(v -> pump[0].run());
                }
            };
            pump[0].run();
        };
    }

    /** A gzip-encoded HTML body that inflates to {@link #BOMB_BYTES}. */
    public static Handler<HttpServerRequest> gzipBomb() {
        byte[] body = bomb();
        return r -> r.response().putHeader("Content-Type", "text/html").putHeader("Content-Encoding", "gzip")
                .end(Buffer.buffer(body));
    }

    /** Answers the n-th request with the n-th handler, and the last one for ever after. */
    @SafeVarargs
    public static Handler<HttpServerRequest> sequence(Handler<HttpServerRequest>... steps) {
        List<Handler<HttpServerRequest>> list = List.of(steps);
        AtomicInteger next = new AtomicInteger();
        return r -> list.get(Math.min(next.getAndIncrement(), list.size() - 1)).handle(r);
    }

    /** 200 after {@code delayMs}, titled {@code title}. */
    public static Handler<HttpServerRequest> slowPage(Vertx vertx, long delayMs, String title) {
        return r -> vertx.setTimer(delayMs, id -> r.response().putHeader("Content-Type", "text/html")
                .end("<html><head><title>" + title + "</title></head></html>"));
    }

    /** Gzips {@code data}. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static synchronized byte[] bomb() {
        if (bomb == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] zeros = new byte[1 << 20];
            try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                gz.write("<html><head><title>Bomb</title></head><body>".getBytes());
                for (int i = 0; i < BOMB_BYTES / zeros.length; i++) {
                    gz.write(zeros);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bomb = out.toByteArray();
        }
        return bomb;
    }
}
