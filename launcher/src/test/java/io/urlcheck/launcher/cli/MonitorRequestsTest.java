package io.urlcheck.launcher.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The requests {@code ./urlcheck monitor ...} sends, against a loopback HTTP server standing in for the producer
 * and the sink, with the shapes the #22 design gives their APIs; and what the commands make of the answers.
 */
class MonitorRequestsTest {

    /** One request as the stub saw it. */
    record Seen(String method, String path, String query, String contentType, String authorization, String client, String body) {
    }

    /** One scripted answer. */
    record Answer(int status, String body) {
    }

    @TempDir
    Path dir;

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ConcurrentLinkedDeque<>();
    private final StringWriter err = new StringWriter();
    private HttpServer server;
    private String base;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Urlcheck-Client"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = answers.isEmpty() ? new Answer(500, "{\"error\":\"unscripted\"}") : answers.poll();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Runs the command line with stdout captured; returns exit code and stdout. */
    private Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private record Run(int code, String out) {
    }

    private String tokenFile() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file.toString();
    }

    @Test
    void addPostsTheMonitorAsJsonToTheProducerWithTheToken() throws IOException {
        Path urls = dir.resolve("urls.txt");
        Files.writeString(urls, "https://example.com/a\nhttps://example.com/b\n");
        answers.add(new Answer(201, "{}"));

        Run run = run("monitor", "add", "docs-site", urls.toString(), "--every", "5m", "--webhook", "https://hooks.example/x",
                "--broken-after", "3", "--method", "head", "--producer", base, "--token-file", tokenFile());

        assertThat(run.code()).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(seen).hasSize(1);
        Seen post = seen.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/api/monitors");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(post.authorization()).isEqualTo("Bearer s3cret");
        assertThat(post.client()).isEqualTo("urlcheck-launcher");
        Monitor sent = JsonCodec.decode(post.body().getBytes(StandardCharsets.UTF_8), Monitor.class);
        assertThat(sent.name()).isEqualTo("docs-site");
        assertThat(sent.schedule().every()).isEqualTo("5m");
        assertThat(sent.urls()).containsExactly("https://example.com/a", "https://example.com/b");
        assertThat(sent.webhooks()).containsExactly("https://hooks.example/x");
        assertThat(sent.brokenAfter()).isEqualTo(3);
        assertThat(sent.options().method()).isEqualTo("HEAD");
        assertThat(run.out()).isEqualTo("monitor docs-site added: 2 URLs, every 5m, 1 webhook, BROKEN after 3 failures\n");
    }

    @Test
    void addSaysReplacedWhenTheProducerAnswers200AndReportsARefusalWithItsReason() throws IOException {
        Path urls = dir.resolve("urls.txt");
        Files.writeString(urls, "https://example.com/a\nhttps://example.com/b\n");
        answers.add(new Answer(200, "{}"));
        answers.add(new Answer(400, "{\"error\":\"1 URL is not one a monitor can check: urls[1]: too long\"}"));

        Run replaced = run("monitor", "add", "m", urls.toString(), "--every", "1h", "--producer", base);
        Run refused = run("monitor", "add", "m", urls.toString(), "--every", "1h", "--producer", base);

        assertThat(replaced.out()).startsWith("monitor m replaced: 2 URLs, every 1h, 0 webhooks");
        assertThat(refused.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("POST /api/monitors answered 400").contains("urls[1]: too long");
    }

    @Test
    void addSendsNothingWhenAUrlIsOneTheProducerWouldRefuse() throws IOException {
        Path urls = dir.resolve("urls.txt");
        Files.writeString(urls, "https://example.com/a\n# a comment\nhtp:/typo.example/\n");

        Run run = run("monitor", "add", "m", urls.toString(), "--every", "1h", "--producer", base);

        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(seen).isEmpty();
        assertThat(err.toString()).contains("1 URL is not one a monitor can check: " + urls + " line 3: htp:/typo.example/: ");
    }

    @Test
    void listPrintsTheProducersMonitorsAsATable() {
        answers.add(new Answer(200, "[{\"name\":\"docs-site\",\"schedule\":{\"every\":\"5m\"},\"urls\":42,\"webhooks\":1,"
                + "\"brokenAfter\":2,\"certExpiryDays\":14,\"lastTick\":\"2026-12-05T02:10:00Z\",\"nextTick\":\"2026-12-05T02:15:00Z\"},"
                + "{\"name\":\"api\",\"schedule\":{\"cron\":\"0 9 * * MON-FRI\"},\"urls\":3,\"webhooks\":0,"
                + "\"brokenAfter\":2,\"certExpiryDays\":14,\"lastTick\":null,\"nextTick\":\"2026-12-07T09:00:00Z\",\"future\":1}]"));

        Run run = run("monitor", "list", "--producer", base);

        assertThat(run.code()).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.path()).isEqualTo("/api/monitors");
        });
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("NAME").contains("SCHEDULE", "URLS", "WEBHOOKS", "LAST RUN", "NEXT RUN");
        assertThat(lines.get(1)).contains("docs-site", "every 5m", "42", "2026-12-05T02:10:00Z", "2026-12-05T02:15:00Z");
        assertThat(lines.get(2)).contains("api", "cron 0 9 * * MON-FRI", " - ");
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }

    @Test
    void removeDeletesByNameAndAnUnknownNameIsAnError() {
        answers.add(new Answer(204, ""));
        answers.add(new Answer(404, "{\"error\":\"no monitor\"}"));

        Run removed = run("monitor", "remove", "docs-site", "--producer", base);
        Run unknown = run("monitor", "remove", "nope", "--producer", base);

        assertThat(removed.code()).isEqualTo(ExitCodes.OK);
        assertThat(removed.out()).isEqualTo("monitor docs-site removed\n");
        assertThat(seen).extracting(Seen::method, Seen::path)
                .containsExactly(tuple("DELETE", "/api/monitors/docs-site"),
                        tuple("DELETE", "/api/monitors/nope"));
        assertThat(unknown.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("no monitor named 'nope'");
    }

    @Test
    void eventsPagesThroughTheSinkWithItsCursorUpToTheLimit() {
        answers.add(new Answer(200, page("c1", event("https://a.example/", MonitorEvent.Type.RECOVERED),
                event("https://b.example/", MonitorEvent.Type.BROKEN))));
        answers.add(new Answer(200, page("c2", event("https://c.example/", MonitorEvent.Type.BROKEN),
                event("https://d.example/", MonitorEvent.Type.BROKEN))));

        Run run = run("monitor", "events", "docs-site", "--type", "BROKEN", "--since", "2026-12-01T00:00:00Z", "--limit", "3",
                "--sink", base);

        assertThat(run.code()).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(seen).extracting(Seen::path).containsOnly("/api/events");
        assertThat(seen.get(0).query()).isEqualTo("monitor=docs-site&type=BROKEN&since=2026-12-01T00:00:00Z&limit=3");
        assertThat(seen.get(1).query()).isEqualTo("monitor=docs-site&type=BROKEN&since=2026-12-01T00:00:00Z&limit=1&cursor=c1");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("2026-12-05T02:10:00Z").contains("RECOVERED", "docs-site", "https://a.example/",
                "HTTP_ERROR 503");
        assertThat(lines.get(2)).contains("https://c.example/");
    }

    @Test
    void eventsAsJsonAreTheEventsAsWebhooksGetThem() {
        answers.add(new Answer(200, page(null, event("https://a.example/", MonitorEvent.Type.BROKEN))));

        Run run = run("monitor", "events", "--format", "json", "--sink", base);

        assertThat(seen).hasSize(1);
        MonitorEvent printed = JsonCodec.decode(run.out().strip().getBytes(StandardCharsets.UTF_8), MonitorEvent.class);
        assertThat(printed.type()).isEqualTo(MonitorEvent.Type.BROKEN);
        assertThat(printed.text()).startsWith("[docs-site] BROKEN https://a.example/");
    }

    @Test
    void aSinkThatCannotBeReachedIsExitCode3WithTheAddress() {
        server.stop(0);

        Run run = run("monitor", "events", "--sink", base);

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("cannot reach the sink at " + base);
    }

    private static String page(String next, MonitorEvent... events) {
        List<String> items = new ArrayList<>();
        for (MonitorEvent e : events) {
            items.add(JsonCodec.encodeToString(e));
        }
        return "{\"items\":[" + String.join(",", items) + "],\"nextCursor\":" + (next == null ? "null" : "\"" + next + "\"") + "}";
    }

    private static MonitorEvent event(String url, MonitorEvent.Type type) {
        String detail = "HTTP_ERROR 503, 2 failures in a row (was OK 200)";
        return new MonitorEvent(MonitorEvent.SCHEMA_VERSION, MonitorEvent.idOf("docs-site", url, "monitor:docs-site:1", type), type,
                "docs-site", url, "monitor:docs-site:1", Instant.parse("2026-12-05T02:10:00Z"),
                new MonitorEvent.State(Outcome.OK, 200, null, null, null),
                new MonitorEvent.State(Outcome.HTTP_ERROR, 503, null, null, null), detail,
                MonitorEvent.textOf(type, "docs-site", url, detail));
    }
}
