package io.urlcheck.producer.api;

import io.urlcheck.producer.SubmissionException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartStreamTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    @Test
    void readsEachPartWithItsFileNameTypeAndBody() throws IOException {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"urls.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhttp://a.example/\nhttp://b.example/\n\r\n--XyZ--\r\n";
        List<String> parts = read(body, TYPE, Integer.MAX_VALUE);
        assertThat(parts).containsExactly("null|null|hello", "urls.txt|text/plain|http://a.example/\nhttp://b.example/\n");
    }

    @Test
    void skipsAPreambleAndAcceptsAQuotedBoundaryAndTransportPadding() throws IOException {
        String body = "preamble\r\n--a b\r\nContent-Disposition: form-data; name=f; filename=x.json\r\n"
                + "Content-Type: application/json\r\n\r\n[]\r\n--a b--  \r\nepilogue";
        assertThat(read(body, "multipart/form-data; boundary=\"a b\"", Integer.MAX_VALUE))
                .containsExactly("x.json|application/json|[]");
    }

    @Test
    void aBodyThatAlmostContainsTheDelimiterIsReadWholeWhateverTheReadSize() throws IOException {
        String content = "\r\n--X\r\n--Xy\r\n-XyZ--XyZ\n--XyZ\r--XyZ".repeat(2000);
        String body = "--XyZ\r\nContent-Disposition: form-data; name=f; filename=a\r\n\r\n" + content + "\r\n--XyZ--";
        for (int readSize : List.of(1, 3, 7, 100, 65536)) {
            assertThat(read(body, TYPE, readSize)).as("reads of " + readSize).containsExactly("a|null|" + content);
        }
    }

    @Test
    void aTruncatedBodyOrAMissingBoundaryIsUnreadable() {
        assertThatThrownBy(() -> read("--XyZ\r\nContent-Disposition: form-data; name=f; filename=a\r\n\r\nhttp://a/", TYPE, 100))
                .isInstanceOf(SubmissionException.class).hasMessageContaining("no closing delimiter");
        assertThatThrownBy(() -> read("no delimiter here", TYPE, 100))
                .isInstanceOf(SubmissionException.class).hasMessageContaining("no delimiter");
        assertThatThrownBy(() -> read("--XyZ--", "multipart/form-data", 100))
                .isInstanceOf(SubmissionException.class).hasMessageContaining("boundary");
        String hugeHeader = "--XyZ\r\nX-Pad: " + "p".repeat(MultipartStream.MAX_HEADER_BYTES) + "\r\n\r\nx\r\n--XyZ--";
        assertThatThrownBy(() -> read(hugeHeader, TYPE, 100))
                .isInstanceOf(SubmissionException.class).hasMessageContaining("headers are over");
    }

    /** Each part as {@code fileName|contentType|body}, its body read {@code readSize} bytes at a time. */
    private static List<String> read(String body, String contentType, int readSize) throws IOException {
        MultipartStream stream = MultipartStream.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), contentType);
        List<String> parts = new ArrayList<>();
        for (MultipartStream.Part part = stream.next(); part != null; part = stream.next()) {
            parts.add(part.fileName() + "|" + part.contentType() + "|" + readAll(part.body(), readSize));
        }
        return parts;
    }

    private static String readAll(InputStream in, int readSize) throws IOException {
        StringBuilder out = new StringBuilder();
        byte[] chunk = new byte[Math.min(readSize, 1 << 16)];
        for (int n = in.read(chunk, 0, chunk.length); n >= 0; n = in.read(chunk, 0, chunk.length)) {
            out.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
        }
        return out.toString();
    }
}
