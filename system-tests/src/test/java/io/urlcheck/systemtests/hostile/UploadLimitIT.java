package io.urlcheck.systemtests.hostile;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.DaemonThreads;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multipart upload over the size limit, streamed (chunked, no Content-Length) to the packaged producer:
 * it must be refused with 413 while it is still arriving, never spooled whole to the pod's small /tmp
 * first. Before the fix RESTEasy wrote the whole upload to {@code java.io.tmpdir} (under a 2 GiB Vert.x
 * backstop), and the resource checked its size only afterwards.
 */
class UploadLimitIT {

    private static final long LIMIT = 1024 * 1024;
    /** What the client would send: far over the limit, and over what socket buffers can hide. */
    private static final long UPLOAD = 256L * 1024 * 1024;

    private static KafkaBroker broker;
    private static PackagedService producer;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        producer = PackagedService.start("producer-service", Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "urlcheck.producer.max-body-bytes", Long.toString(LIMIT)));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anOversizedMultipartUploadIsRefusedWhileItStreamsAndNeverSpooled() throws Exception {
        AtomicLong sent = new AtomicLong();
        AtomicBoolean answered = new AtomicBoolean();
        long sentWhenAnswered;
        RawHttp.Response response;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), producer.port()), 5000);
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/jobs?jobId=upload-limit HTTP/1.1\r\nHost: 127.0.0.1:" + producer.port() + "\r\n"
                    + ApiHeaders.CLIENT + ": upload-limit-it\r\n"
                    + "Content-Type: multipart/form-data; boundary=upl0ad\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DaemonThreads.start("upload-writer", () -> stream(out, sent, answered));
            response = RawHttp.parse(socket.getInputStream());
            sentWhenAnswered = sent.get();
            answered.set(true);
        }
        System.out.println("UPLOAD status=" + response.status() + " sentWhenAnswered=" + sentWhenAnswered + " of " + UPLOAD);
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains(LIMIT + "-byte limit");
        assertThat(sentWhenAnswered).as("bytes the client had sent when the 413 came").isLessThan(UPLOAD / 4);
        try (Stream<Path> files = Files.walk(producer.tmpDir())) {
            List<Path> large = files.filter(Files::isRegularFile).filter(f -> f.toFile().length() > LIMIT).toList();
            assertThat(large).as("files the upload left in java.io.tmpdir").isEmpty();
        }
        assertThat(RawHttp.send(producer.port(), "GET", "/q/health/ready", Map.of(), null).status()).isEqualTo(200);
    }

    /** One file part of URL lines, in 64 KiB chunks, until {@link #UPLOAD} bytes or the server stops reading. */
    private static void stream(OutputStream out, AtomicLong sent, AtomicBoolean answered) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() < 64 * 1024 - 64; i++) {
            lines.append("http://upload.example/").append(i).append('\n');
        }
        byte[] body = lines.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            RawHttp.chunk(out, ("--upl0ad\r\nContent-Disposition: form-data; name=\"file\"; filename=\"urls.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (sent.get() < UPLOAD && !answered.get()) {
                RawHttp.chunk(out, body);
                sent.addAndGet(body.length);
            }
            RawHttp.chunk(out, "\r\n--upl0ad--\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // The server answered and closed the connection: expected once the limit is passed.
        }
    }
}
