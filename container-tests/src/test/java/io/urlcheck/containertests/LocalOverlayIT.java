package io.urlcheck.containertests;

import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.testkit.TargetServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a new user runs: {@code eval "$(deploy/local/up)"}, kcat to {@code urlcheck.intake}, curl to
 * {@code $URLCHECK_SINK/api/summary} with the token, then {@code deploy/local/down}. The overlay is played
 * by {@code podman kube play} from {@code kubectl kustomize deploy/overlays/local}, exactly as the script does it.
 */
class LocalOverlayIT {

    private static final Path HOME = Path.of(System.getProperty("urlcheck.home", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void upPrintsExportsThatFeedAndQueryTheStackAndDownRemovesIt() throws Exception {
        Engine.requireOrSkip();
        Assumptions.assumeTrue(run("podman", "pod", "ls", "--format", "{{.Name}}").lines().noneMatch(p -> p.startsWith("urlcheck-local-")),
                "a local stack is already running (deploy/local/up); LocalOverlayIT leaves it alone");
        try (TargetServer target = TargetServer.start()) {
            long started = System.nanoTime();
            Map<String, String> env = exports(run(HOME.resolve("deploy/local/up").toString()));
            System.out.printf("local overlay: deploy/local/up ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            assertThat(env).containsOnlyKeys("URLCHECK_BOOTSTRAP", "URLCHECK_PRODUCER", "URLCHECK_SINK", "URLCHECK_API_TOKEN");

            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                urls.add(target.url("/status/200?run=local-overlay&n=" + i));
            }
            Kcat.produce(env.get("URLCHECK_BOOTSTRAP"), "urlcheck.intake",
                    urls.stream().map(u -> "{\"url\": \"" + u + "\", \"jobId\": \"local-overlay\"}").toList());

            SinkClient sink = new SinkClient(env.get("URLCHECK_SINK"), env.get("URLCHECK_API_TOKEN"));
            await("the local stack checks the URLs").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> sink.job("local-overlay").map(JobStatus::checked).orElse(0L) >= urls.size());
            HttpResponse<String> summary = HTTP.send(HttpRequest.newBuilder(URI.create(env.get("URLCHECK_SINK") + "/api/summary?jobId=local-overlay"))
                    .header("Authorization", "Bearer " + env.get("URLCHECK_API_TOKEN")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(summary.statusCode()).isEqualTo(200);
            assertThat(summary.body()).contains("\"total\":5").contains("\"OK\":5");
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(env.get("URLCHECK_SINK") + "/api/summary")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("without the token").isEqualTo(401);
            // The token is public: a DNS-rebinding page could send it, but it names its own host (urlcheck.api.allowed-hosts).
            for (String base : List.of(env.get("URLCHECK_SINK"), env.get("URLCHECK_PRODUCER"))) {
                URI api = URI.create(base);
                assertThat(statusOf(api, "/api/jobs/local-overlay", "evil.example:" + api.getPort(), env.get("URLCHECK_API_TOKEN")))
                        .as("the token under a foreign Host, " + base).isEqualTo(403);
                assertThat(statusOf(api, "/q/health/ready", "evil.example:" + api.getPort(), null))
                        .as("a public path under a foreign Host, " + base).isEqualTo(200);
            }
        } finally {
            run(HOME.resolve("deploy/local/down").toString());
        }
        assertThat(run("podman", "pod", "ls", "--format", "{{.Name}}").lines().filter(p -> p.startsWith("urlcheck-local-")))
                .as("pods left after down").isEmpty();
    }

    /**
     * The status of a GET of {@code path} that names {@code host} in its Host header, as a page on that host would
     * after rebinding its name to this address (Java's HttpClient may not set Host).
     */
    private static int statusOf(URI server, String path, String host, String token) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** The {@code export NAME=value} lines of {@code up}'s output. */
    private static Map<String, String> exports(String stdout) {
        Map<String, String> env = new HashMap<>();
        stdout.lines().filter(l -> l.startsWith("export ")).forEach(l -> {
            String[] kv = l.substring("export ".length()).split("=", 2);
            env.put(kv[0], kv[1]);
        });
        return env;
    }

    /** Runs a command to completion and returns its stdout; stderr goes to this test's output. Fails on a non-zero exit. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 10 minutes");
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + " exit code").isZero();
        return out;
    }
}
