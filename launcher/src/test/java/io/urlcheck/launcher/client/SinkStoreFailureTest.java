package io.urlcheck.launcher.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SinkClient#storeFailure()} reads the sink's readiness as SmallRye Health writes it (JsonStoreHeapBoundIT). */
class SinkStoreFailureTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aFullJsonStoreIsReportedWithTheSinksOwnWords() throws IOException {
        SinkClient sink = sinkAnswering(503, """
                {
                    "status": "DOWN",
                    "checks": [
                        {
                            "name": "SmallRye Reactive Messaging - readiness check",
                            "status": "UP"
                        },
                        {
                            "name": "sink-store",
                            "status": "DOWN",
                            "data": {
                                "failure": "JSON store full: its index reached its heap budget of 469 MB",
                                "since": "2026-12-05T07:40:27.899Z"
                            }
                        }
                    ]
                }""");

        assertThat(sink.storeFailure()).hasValue("JSON store full: its index reached its heap budget of 469 MB");
    }

    @Test
    void aSinkThatStoresResultsHasNoFailure() throws IOException {
        SinkClient sink = sinkAnswering(200, """
                {"status": "UP", "checks": [{"name": "sink-store", "status": "UP"}]}""");

        assertThat(sink.storeFailure()).isEmpty();
    }

    @Test
    void anUnreachableOrUnreadableSinkIsNoDiagnosis() throws IOException {
        assertThat(sinkAnswering(502, "<html>bad gateway</html>").storeFailure()).isEmpty();
        server.stop(0);
        assertThat(new SinkClient("http://127.0.0.1:" + server.getAddress().getPort(), null).storeFailure()).isEmpty();
    }

    private SinkClient sinkAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new SinkClient("http://127.0.0.1:" + server.getAddress().getPort(), null);
    }
}
