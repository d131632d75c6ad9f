package io.urlcheck.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The loopback target every scenario checks: one port on many loopback addresses, served by
 * {@code eventLoops} verticle instances (Vert.x spreads the connections of a shared listen socket over
 * them). Every path answers the same pre-built HTML page, after {@code latencyMs} if set, so the cost
 * per request is a header parse, maybe a timer, and one write. With keep-alive off every response says
 * {@code Connection: close} and the connection is closed after it, so each check pays a new TCP connection.
 */
public final class TargetFarm implements AutoCloseable {

    /** How the target answers. */
    public record Config(List<String> hosts, int port, int eventLoops, long latencyMs, int bodyBytes,
                         String title, boolean keepAlive) {
    }

    private final Vertx vertx;
    private final Config config;
    private final LongAdder served = new LongAdder();
    private final LongAdder lateNanos = new LongAdder();
    private final LongAdder lateCount = new LongAdder();
    private final LongAccumulator maxLateNanos = new LongAccumulator(Math::max, 0);

    private TargetFarm(Vertx vertx, Config config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Starts the target and waits until every address listens. */
    public static TargetFarm start(Config config) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()));
        TargetFarm farm = new TargetFarm(vertx, config);
        Buffer page = Buffer.buffer(page(config.title(), config.bodyBytes()));
        try {
            vertx.deployVerticle(() -> farm.new Listener(page), new DeploymentOptions().setInstances(config.eventLoops()))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("target could not listen on port " + config.port(), e);
        }
        return farm;
    }

    /** An HTML page with {@code title}, padded to {@code bodyBytes}. */
    static byte[] page(String title, int bodyBytes) {
        StringBuilder html = new StringBuilder(Math.max(bodyBytes, 128))
                .append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title></head><body><p>");
        String tail = "</p></body></html>\n";
        while (html.length() + tail.length() < bodyBytes) {
            html.append("lorem ipsum dolor sit amet ".charAt(html.length() % 27));
        }
        return html.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    public Config config() {
        return config;
    }

    /** Requests answered so far. */
    public long served() {
        return served.sum();
    }

    /**
     * How late the latency timers fired, mean and max in ms over the requests answered so far: a target whose event loops
     * cannot keep up answers late, so a figure near 0 says the target held its latency and was not the limit.
     */
    public double[] lateMs() {
        long n = lateCount.sum();
        return new double[] {n == 0 ? 0 : lateNanos.sum() / 1e6 / n, maxLateNanos.get() / 1e6};
    }

    /** Starts {@link #lateMs()} afresh, for the next checker on this target. */
    public void resetLateness() {
        lateNanos.reset();
        maxLateNanos.reset();
        lateCount.reset();
    }

    /** The URL of {@code path} on host {@code i}. */
    public String url(int hostIndex, String path) {
        return "http://" + config.hosts().get(hostIndex % config.hosts().size()) + ":" + config.port() + path;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("target did not stop", e);
        }
    }

    /** One event loop's servers: one per address, all sharing the port with the other instances. */
    private final class Listener extends AbstractVerticle {
        private final Buffer page;
        private final String contentLength;

        Listener(Buffer page) {
            this.page = page;
            this.contentLength = Integer.toString(page.length());
        }

        @Override
        public void start(Promise<Void> started) {
            List<Future<?>> listening = new ArrayList<>();
            HttpServerOptions options = new HttpServerOptions().setPort(config.port())
                    .setTcpNoDelay(true).setReuseAddress(true).setAcceptBacklog(8192)
                    .setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS);
            for (String host : config.hosts()) {
                listening.add(vertx.createHttpServer(new HttpServerOptions(options).setHost(host))
                        .requestHandler(this::handle).listen());
            }
            Future.all(listening).<Void>mapEmpty().onComplete(started);
        }

        private void handle(HttpServerRequest request) {
            if (config.latencyMs() <= 0) {
                answer(request);
            } else {
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.latencyMs());
                vertx.setTimer(config.latencyMs(), id -> {
                    long late = Math.max(0, System.nanoTime() - due);
                    lateNanos.add(late);
                    lateCount.increment();
                    maxLateNanos.accumulate(late);
                    answer(request);
                });
            }
        }

        private void answer(HttpServerRequest request) {
            served.increment();
            var response = request.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                    .putHeader(HttpHeaders.CONTENT_LENGTH, contentLength);
            if (config.keepAlive()) {
                response.end(page);
            } else {
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                response.end(page).onComplete(done -> request.connection().close());
            }
        }
    }
}
