package io.urlcheck.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TargetServerTest {

    private static TargetServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = TargetServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void stubbedPathAnswersItsStatusTitleAndHeaders() throws Exception {
        server.stub("/hello", TargetResponse.page("Hello &amp; welcome").withHeader("X-Test", "1"));

        HttpResponse<String> response = get("/hello");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<title>Hello &amp; welcome</title>");
        assertThat(response.headers().firstValue("X-Test")).contains("1");
        assertThat(server.hits("/hello")).isEqualTo(1);
    }

    @Test
    void conventionalPathsNeedNoSetup() throws Exception {
        assertThat(get("/status/503?n=1").statusCode()).isEqualTo(503);
        assertThat(get("/title/Plain").body()).contains("<title>Plain</title>");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void delayedPathAnswersNoSoonerThanItsDelay() throws Exception {
        long start = System.nanoTime();

        assertThat(get("/delay/300").statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void redirectCarriesItsLocation() throws Exception {
        server.stub("/moved", TargetResponse.redirect(301, "/title/Landed"));

        HttpResponse<String> response = get("/moved");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/title/Landed");
    }

    @Test
    void urlNamesTheLoopbackAddressTheServerWasStartedOn() throws Exception {
        try (TargetServer other = TargetServer.start("127.0.0.2")) {
            assertThat(other.url("/status/204")).startsWith("http://127.0.0.2:");
            assertThat(client.send(HttpRequest.newBuilder(URI.create(other.url("/status/204"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
