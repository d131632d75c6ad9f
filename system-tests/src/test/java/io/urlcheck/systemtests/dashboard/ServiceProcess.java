package io.urlcheck.systemtests.dashboard;

import java.io.IOException;
import java.net.ServerSocket;
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

/** One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as a real process. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final String module;
    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(String module, Process process, Path log, URI base) {
        this.module = module;
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * Starts {@code module}'s jar on a free HTTP port with {@code properties} as system properties, its
     * output in {@code log}, and waits until {@code /q/health/ready} answers 200.
     */
    static ServiceProcess start(Path repo, String module, Map<String, String> properties, Path log) throws IOException {
        Path jar = repo.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the packaged " + module + " is missing at " + jar
                    + "; build it with ./mvnw -B -pl " + module + " package -DskipTests");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dquarkus.http.port=" + port, "-Dquarkus.log.category.\"org.apache.kafka\".level=WARN"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(module, process, log, URI.create("http://127.0.0.1:" + port));
        try {
            await(module + " ready on port " + port).atMost(STARTUP).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(module + " exited with " + process.exitValue()
                                    + " during startup; its log:\n" + service.logTail());
                        }
                        return service.status("/q/health/ready") == 200;
                    });
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The base URL of the service's HTTP server. */
    URI baseUri() {
        return base;
    }

    /** {@code GET path}; an {@link IllegalStateException} when the service cannot be reached. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** {@code POST path} with a {@code text/plain} body. */
    HttpResponse<String> postText(String path, String body, Duration timeout) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The last lines of the service's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(" + module + " log unreadable: " + e.getMessage() + ")";
        }
    }

    private int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IllegalStateException e) {
            return -1; // not listening yet
        }
    }

    private HttpResponse<String> send(HttpRequest built) {
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri(), e);
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
