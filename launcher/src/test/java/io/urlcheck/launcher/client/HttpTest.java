package io.urlcheck.launcher.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.urlcheck.contract.ApiHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the API clients rely on from {@link Http}, against a real HTTP server on loopback. */
class HttpTest {

    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final AtomicLong bodyBytes = new AtomicLong();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aStreamedBodyArrivesWholeWithTheLaunchersHeadersAndTheAnswerIsRead() throws IOException {
        Http http = new Http(start(200, "{\"ok\":true}"), "s3cret", "producer");
        byte[] body = "http://a.test/\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);

        Http.Answer answer = http.post("/api/jobs?jobId=j", Map.of("Content-Type", "text/plain"),
                () -> new ByteArrayInputStream(body), Duration.ofMinutes(1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"ok\":true}");
        assertThat(bodyBytes.get()).isEqualTo(body.length);
        assertThat(seen).containsEntry("method", "POST").containsEntry("uri", "/api/jobs?jobId=j")
                .containsEntry("authorization", "Bearer s3cret").containsEntry("client", "urlcheck-launcher")
                .containsEntry("content-type", "text/plain");
    }

    @Test
    void aBodyThatCannotBeReadToItsEndIsNeverSentAsACompleteShorterOne() throws IOException {
        Http http = new Http(start(200, "{\"ok\":true}"), null, "producer");
        InputStream failingMidway = new SequenceInputStream(new ByteArrayInputStream(new byte[200_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk read error");
            }
        });

        assertThatThrownBy(() -> http.post("/api/jobs", Map.of("Content-Type", "text/plain"), () -> failingMidway,
                Duration.ofMinutes(1)))
                .isInstanceOf(ApiException.class).hasMessageContaining("abandoned: could not read what to send: disk read error");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("body"));
        assertThat(seen.get("body")).isEqualTo("broken");
    }

    @Test
    void anErrorAnswerIsReportedInTheServersOwnWords() throws IOException {
        Http http = new Http(start(401, "a bearer token is required"), null, "producer");

        Http.Answer answer = http.get("/api/monitors", "application/json");

        assertThat(answer.status()).isEqualTo(401);
        assertThatThrownBy(() -> http.getJson("/api/monitors", Object.class))
                .isInstanceOf(ApiException.class).hasMessage("producer: GET /api/monitors answered 401: a bearer token is required");
    }

    @Test
    void notFoundIsNoValueAndARedirectIsNotFollowed() throws IOException {
        assertThat(new Http(start(404, ""), null, "sink").getJson("/api/jobs/x", Object.class)).isNull();
        server.stop(0);

        Http http = new Http(start(302, ""), null, "sink");
        assertThat(http.get("/api/summary", "application/json").status()).isEqualTo(302);
    }

    @Test
    void aServiceThatIsNotListeningIsNamedWithTheFlagThatMovesIt() throws IOException {
        String base = start(200, "");
        server.stop(0);

        assertThatThrownBy(() -> new Http(base, null, "sink").get("/api/jobs", "application/json"))
                .isInstanceOf(ApiException.class)
                .hasMessage("cannot reach the sink at " + base + " (is ./urlcheck up running? change the address with --sink URL)");
    }

    private String start(int status, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, status, answer));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, int status, String answer) throws IOException {
        seen.put("method", exchange.getRequestMethod());
        seen.put("uri", exchange.getRequestURI().toString());
        exchange.getRequestHeaders().forEach((name, values) -> {
            switch (name.toLowerCase()) {
                case "authorization" -> seen.put("authorization", values.get(0));
                case "content-type" -> seen.put("content-type", values.get(0));
                default -> {
                    if (name.equalsIgnoreCase(ApiHeaders.CLIENT)) {
                        seen.put("client", values.get(0));
                    }
                }
            }
        });
        try (InputStream in = exchange.getRequestBody()) {
            bodyBytes.set(in.transferTo(OutputStream.nullOutputStream()));
            seen.put("body", "complete");
        } catch (IOException e) {
            seen.put("body", "broken");
            throw e;
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        if (status == 302) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
