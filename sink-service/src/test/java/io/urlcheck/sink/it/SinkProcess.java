package io.urlcheck.sink.it;

import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The packaged sink ({@code target/quarkus-app}) as a real process that a test can start and kill -9, started by
 * the launcher's {@link ServiceProcess}; this adds the HTTP calls the tests make.
 */
final class SinkProcess implements AutoCloseable {

    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newHttpClient();

    private SinkProcess(ServiceProcess service) {
        this.service = service;
    }

    /** Starts the sink with {@code properties} as system properties and waits until it is ready. */
    static SinkProcess start(Map<String, String> properties, Path log) {
        return start(List.of("-Xmx512m"), properties, log, sink -> sink.status("/q/health/ready") == 200);
    }

    /**
     * Starts the sink with {@code jvmOptions} (heap, GC flags) and {@code properties} as system properties,
     * and waits until {@code started} holds; fails as soon as the process exits.
     */
    static SinkProcess start(List<String> jvmOptions, Map<String, String> properties, Path log,
                             Predicate<SinkProcess> started) {
        int port = Ports.free();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.port", Integer.toString(port));
        all.putAll(properties);
        ServiceProcess service = new ServiceProcess("sink", Path.of("target", "quarkus-app", "quarkus-run.jar"), port,
                jvmOptions, all, Map.of(), log).start();
        SinkProcess sink = new SinkProcess(service);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!service.process().isAlive()) {
                throw new IllegalStateException("the sink exited with " + service.process().exitCode() + "; see " + log);
            }
            return started.test(sink);
        });
        return sink;
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    int status(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET, whatever its status (a 503 health answer says why). */
    String body(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of a GET that must answer 200. */
    String get(String path) {
        try {
            HttpResponse<String> r = http.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True while the process runs. */
    boolean isAlive() {
        return service.process().isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no offset commit. */
    void kill() {
        service.kill();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() {
        service.stop(Duration.ofSeconds(30));
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(30)).build();
    }
}
