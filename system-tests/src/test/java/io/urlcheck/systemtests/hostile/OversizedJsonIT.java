package io.urlcheck.systemtests.hostile;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.testkit.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies within the size limits whose JSON (or lines) would build far more than their size in the heap, sent to the
 * packaged producer on its default limits and a small heap (192 MiB, where deploy/ gives it 768 MiB). Before the fix,
 * a 64 MiB monitor of {@code "a"} lines or {@code []} values, or one job element of a million empty arrays, was read
 * whole into a tree or a list several GiB large. Now each is refused or reported with its reason, and the producer
 * keeps answering.
 */
class OversizedJsonIT {

    /** Under the monitors' 64 MiB default limit (urlcheck.producer.monitors.max-body-bytes), with room for the JSON around it. */
    private static final long MONITOR_BODY = 60L * 1024 * 1024;
    private static final long JOB_ELEMENT = 60L * 1024 * 1024;

    private static KafkaBroker broker;
    private static PackagedService producer;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        producer = PackagedService.start("producer-service", Map.of("kafka.bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        PackagedService.closeAll(producer, broker);
    }

    @Test
    void aMonitorUploadOfEndlessBadLinesIsRefusedWithItsReasonWithoutTakingTheHeap() throws Exception {
        RawHttp.Response response = post("/api/monitors?name=flood&every=1h", "text/plain", "", "a\n", MONITOR_BODY / 2, "");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(MONITOR_BODY / 2 + " URLs are not one a monitor can check (the first 10 shown)",
                "line 1: ");
        assertStillServing();
    }

    @Test
    void aJsonMonitorOfTinyValuesPastWhatAMonitorHoldsIsRefusedAsTooLarge() throws Exception {
        RawHttp.Response response = post("/api/monitors", "application/json",
                "{\"name\": \"tiny\", \"schedule\": {\"every\": \"1h\"}, \"urls\": [", "[],", MONITOR_BODY / 3, "[]]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("the monitor is too large: over ");
        assertStillServing();
    }

    @Test
    void aJobElementOfAMillionEmptyArraysIsOneUnreadableResultAndTheNextElementIsQueued() throws Exception {
        String jobId = "oversized-element";
        RawHttp.Response response = post("/api/jobs?jobId=" + jobId, "application/json",
                "[{\"url\": \"https://a.example/\", \"junk\": [", "[],", JOB_ELEMENT / 3, "[]]}, \"https://b.example/\"]");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"submitted\":2", "\"accepted\":1", "\"rejected\":1");
        List<CheckResult> rejected = TopicReader.read(broker.bootstrapServers(), Topics.RESULTS, records -> !records.isEmpty(),
                        Duration.ofSeconds(60)).stream()
                .map(r -> JsonCodec.decode(r.value(), CheckResult.class)).filter(r -> jobId.equals(r.jobId())).toList();
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_URL);
            assertThat(r.error()).isEqualTo("JSON element 0 is too large: over 100 values");
        });
        assertStillServing();
    }

    private static void assertStillServing() {
        assertThat(RawHttp.send(producer.port(), "GET", "/q/health/live", Map.of(), null).status()).isEqualTo(200);
        assertThat(producer.logText()).doesNotContain("OutOfMemoryError");
    }

    /** POSTs {@code head}, {@code unit} {@code times} times, then {@code tail}, chunked as it is written; the answer. */
    private static RawHttp.Response post(String target, String contentType, String head, String unit, long times, String tail)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), producer.port()), 5000);
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + producer.port() + "\r\n"
                    + ApiHeaders.CLIENT + ": oversized-json-it\r\nContent-Type: " + contentType + "\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DaemonThreads.start("oversized-writer", () -> write(out, head, unit, times, tail));
            return RawHttp.parse(socket.getInputStream());
        }
    }

    private static void write(OutputStream out, String head, String unit, long times, String tail) {
        int perChunk = 64 * 1024 / unit.length();
        byte[] chunk = unit.repeat(perChunk).getBytes(StandardCharsets.US_ASCII);
        try {
            RawHttp.chunk(out, head.getBytes(StandardCharsets.US_ASCII));
            long left = times;
            for (; left >= perChunk; left -= perChunk) {
                RawHttp.chunk(out, chunk);
            }
            RawHttp.chunk(out, (unit.repeat((int) left) + tail).getBytes(StandardCharsets.US_ASCII));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // The server answered before the body's end and closed the connection; the test reads its answer.
        }
    }
}
