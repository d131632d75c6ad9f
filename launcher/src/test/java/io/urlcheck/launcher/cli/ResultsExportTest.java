package io.urlcheck.launcher.cli;

import com.sun.net.httpserver.HttpServer;
import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.input.LinkIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The export against a loopback HTTP server that answers as the sink's {@code GET /api/results} does. */
class ResultsExportTest {

    private static final String JSONL = "{\"url\":\"https://a.example/\"}\n{\"url\":\"https://b.example/\"}\n";
    private static final String CSV = "url,outcome\nhttps://a.example/,OK\nhttps://b.example/,TIMEOUT\n";

    private final List<String> queries = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private SinkClient sink;

    @BeforeEach
    void startSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/results", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            byte[] body = (query.contains("format=csv") ? CSV : JSONL).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        sink = new SinkClient("http://127.0.0.1:" + server.getAddress().getPort(), null);
    }

    @AfterEach
    void stopSink() {
        server.stop(0);
    }

    private String write(ResultsExport.Format format, Map<String, String> filter, long expectedRows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ResultsExport.write(sink, filter, format, out)).isEqualTo(expectedRows);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonIsOneArrayOfTheSinksLines() throws IOException {
        assertThat(write(ResultsExport.Format.json, Map.of(), 2))
                .isEqualTo("[\n{\"url\":\"https://a.example/\"},\n{\"url\":\"https://b.example/\"}\n]\n");
    }

    @Test
    void jsonLinesAreCopiedAsTheSinkSentThem() throws IOException {
        assertThat(write(ResultsExport.Format.jsonl, Map.of(), 2)).isEqualTo(JSONL);
    }

    @Test
    void csvKeepsItsHeaderButDoesNotCountItAsARow() throws IOException {
        assertThat(write(ResultsExport.Format.csv, Map.of(), 2)).isEqualTo(CSV);
    }

    @Test
    void theFilterBecomesTheQuery() throws IOException {
        write(ResultsExport.Format.jsonl, Map.of("jobId", "run-1"), 2);

        assertThat(queries).containsExactly("jobId=run-1&format=jsonl");
    }

    @Test
    void aFileIsReplacedWholeAndNoTemporaryFileStays(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("out")).resolve("results.csv"), "old");

        long rows = ResultsExport.writeFile(sink, Map.of(), ResultsExport.Format.csv, LinkIndex.EMPTY, file);

        assertThat(rows).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo(CSV);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aMissingDirectoryIsNotCreated(@TempDir Path dir) {
        Path file = dir.resolve("a/b/results.json");

        assertThatThrownBy(() -> ResultsExport.writeFile(sink, Map.of(), ResultsExport.Format.json, LinkIndex.EMPTY, file))
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot write " + file);
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeMovedIntoPlaceLeavesNoHiddenTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectories(dir.resolve("results.json"));
        Files.writeString(file.resolve("keep"), "a directory that is not empty cannot be replaced");

        assertThatThrownBy(() -> ResultsExport.writeFile(sink, Map.of(), ResultsExport.Format.json, LinkIndex.EMPTY, file))
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot write " + file);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        Path file = notADirectory.resolve("results.json");

        assertThatThrownBy(() -> ResultsExport.writeFile(sink, Map.of(), ResultsExport.Format.json, LinkIndex.EMPTY, file))
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot write " + file);
    }

    @Test
    void aSinkAnsweringWithAnErrorIsAnApiErrorWithItsStatus() {
        SinkClient broken = new SinkClient("http://127.0.0.1:" + server.getAddress().getPort() + "/elsewhere", null);

        assertThatThrownBy(() -> ResultsExport.write(broken, Map.of(), ResultsExport.Format.json, OutputStream.nullOutputStream()))
                .isInstanceOf(ApiException.class).hasMessageContaining("answered 404");
    }
}
