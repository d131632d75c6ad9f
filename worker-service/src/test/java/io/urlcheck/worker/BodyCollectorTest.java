package io.urlcheck.worker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BodyCollectorTest {

    @Test
    void plainBodyIsCutAtTheCap() {
        BodyCollector body = new BodyCollector(10, true, null);

        body.add("0123456".getBytes());
        body.add("789abc".getBytes());

        assertThat(body.isFull()).isTrue();
        assertThat(body.size()).isEqualTo(10);
        assertThat(new String(body.bytes())).isEqualTo("0123456789");
    }

    @Test
    void chunksAreTakenFromTheirSliceOfALargerArray() {
        BodyCollector body = new BodyCollector(1024, true, null);
        byte[] frame = "xx<title>A</title>yy".getBytes(StandardCharsets.US_ASCII);

        body.add(frame, 2, 16);

        assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("<title>A</title>");
    }

    @Test
    void aBodyOfTheDeclaredLengthIsReturnedWhole() {
        BodyCollector body = new BodyCollector(1024, true, null, 10);

        body.add("01234".getBytes());
        body.add("56789".getBytes());

        assertThat(new String(body.bytes())).isEqualTo("0123456789");
        assertThat(body.isFull()).isFalse();
    }

    @Test
    void aBodyShorterOrLongerThanDeclaredKeepsWhatArrived() {
        BodyCollector shorter = new BodyCollector(1024, true, null, 100);
        shorter.add("abc".getBytes());
        BodyCollector longer = new BodyCollector(1024, true, null, 2);
        longer.add("abcdef".getBytes());

        assertThat(shorter.bytes()).hasSize(3);
        assertThat(new String(longer.bytes())).isEqualTo("abcdef");
    }

    @Test
    void bytesTakenEarlierAreNotChangedByLaterChunks() {
        BodyCollector body = new BodyCollector(1024, true, null, 3);
        body.add("abc".getBytes());
        byte[] early = body.bytes();

        body.add("def".getBytes());

        assertThat(new String(early)).isEqualTo("abc");
        assertThat(new String(body.bytes())).isEqualTo("abcdef");
    }

    @Test
    void aHugeDeclaredLengthYieldsJustTheBytesThatArrived() {
        BodyCollector body = new BodyCollector(1024 * 1024, true, null, 1L << 40);

        body.add("tiny".getBytes());

        assertThat(body.size()).isEqualTo(4);
        assertThat(new String(body.bytes())).isEqualTo("tiny");
    }

    @Test
    void gzipBombInflatesOnlyToTheCap() throws IOException {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        BodyCollector body = new BodyCollector(1024 * 1024, true, "gzip");

        for (int off = 0; off < bomb.length && !body.isFull(); off += 4096) {
            body.add(java.util.Arrays.copyOfRange(bomb, off, Math.min(bomb.length, off + 4096)));
        }

        assertThat(body.isFull()).isTrue();
        assertThat(body.bytes()).hasSize(1024 * 1024);
    }

    @Test
    void gzipBodyArrivingInTinyChunksIsDecoded() throws IOException {
        byte[] page = gzip("<title>Zipped</title>".getBytes(StandardCharsets.UTF_8));
        BodyCollector body = new BodyCollector(1024, true, "gzip");

        for (byte b : page) {
            body.add(new byte[] {b});
        }

        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("<title>Zipped</title>");
        assertThat(body.error()).isNull();
    }

    @Test
    void deflateBodyIsDecoded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater())) {
            z.write("hello deflate".getBytes());
        }
        BodyCollector body = new BodyCollector(1024, true, "deflate");

        body.add(out.toByteArray());

        assertThat(new String(body.bytes())).isEqualTo("hello deflate");
    }

    @Test
    void corruptGzipIsReportedNotThrown() {
        BodyCollector body = new BodyCollector(1024, true, "gzip");

        body.add("definitely not gzip".getBytes());

        assertThat(body.error()).contains("gzip");
    }

    @Test
    void undecodableEncodingIsCountedButNotKept() {
        BodyCollector body = new BodyCollector(100, true, "br");

        body.add(new byte[] {1, 2, 3});

        assertThat(body.size()).isEqualTo(3);
        assertThat(body.bytes()).isEmpty();
    }

    @Test
    void bodiesNotRetainedAreOnlyCounted() {
        BodyCollector body = new BodyCollector(100, false, null);

        body.add(new byte[60]);

        assertThat(body.size()).isEqualTo(60);
        assertThat(body.bytes()).isEmpty();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
