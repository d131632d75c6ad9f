package io.urlcheck.systemtests.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** The packaged sink-service ({@code quarkus-run.jar}) run as a real process with the JSON store. */
final class SinkProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SinkProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts the sink on a free port against {@code bootstrapServers} and waits until it is ready. */
    static SinkProcess start(Path repo, String bootstrapServers, Path jsonDir, Path log) throws IOException {
        Path jar = repo.resolve("sink-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged sink is missing at " + jar
                    + "; build it with ./mvnw -B -pl sink-service package -DskipTests");
        }
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(List.of(java.toString(),
                "-Xmx384m",
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.http.port=" + port,
                "-Durlcheck.sink.store=json",
                "-Durlcheck.sink.json.dir=" + jsonDir,
                "-Dquarkus.log.category.\"org.apache.kafka\".level=WARN",
                "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        SinkProcess sink = new SinkProcess(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            await("sink ready on port " + port).atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the sink exited with " + process.exitValue()
                                    + " during startup; its log:\n" + sink.logTail());
                        }
                        return sink.status("/q/health/ready") == 200;
                    });
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    /** The base URL the dashboard is served at. */
    URI baseUri() {
        return base;
    }

    /** {@code GET /api/jobs/{id}} as a JSON tree, empty while the sink does not know the job. */
    Optional<JsonNode> job(String jobId) {
        HttpResponse<String> response = get("/api/jobs/" + jobId);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/jobs/" + jobId + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return Optional.of(JsonCodec.mapper().readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET /api/jobs/" + jobId + " is not JSON: " + response.body(), e);
        }
    }

    /** The last lines of the sink's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IllegalStateException e) {
            return -1; // not listening yet
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
