package io.urlcheck.sink.it;

import io.urlcheck.testkit.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged sink ({@code target/quarkus-app}) as a real process that a test can start and kill -9. */
final class SinkProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private SinkProcess(Process process, int port) {
        this.process = process;
        this.port = port;
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
                             java.util.function.Predicate<SinkProcess> started) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase first (mvn verify does)");
        }
        try {
            int port = FreePorts.free();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(jvmOptions);
            cmd.add("-Dquarkus.http.port=" + port);
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("-jar");
            cmd.add(jar.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            SinkProcess sink = new SinkProcess(p, port);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the sink exited with " + p.exitValue() + "; see " + log);
                }
                return started.test(sink);
            });
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no offset commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build();
    }
}
