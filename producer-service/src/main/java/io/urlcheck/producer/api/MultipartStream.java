package io.urlcheck.producer.api;

import io.urlcheck.producer.SubmissionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, RFC 2046) part by part, straight from the request
 * stream: each part's body is an {@link InputStream} that ends at the next delimiter. Nothing is spooled
 * to disk or held whole in memory, so the body's size limit is enforced as the bytes arrive, and the
 * pod's small {@code /tmp} plays no part.
 */
final class MultipartStream {

    /** Largest header block of one part; real ones are a few hundred bytes. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    /** {@code CRLF--boundary}: what ends a part's body. */
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean finished;
    private Part current;

    /** One part: its {@code Content-Disposition} file name (null for a plain field), content type and body. */
    record Part(String fileName, String contentType, InputStream body) {
    }

    private MultipartStream(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(BUFFER, delimiter.length * 2)];
    }

    /** A reader of {@code body}, whose request {@code Content-Type} names the boundary. */
    static MultipartStream of(InputStream body, String contentType) {
        return new MultipartStream(body, boundary(contentType));
    }

    /** The next part, or null after the closing delimiter; the previous part's unread body is skipped. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current != null) {
            current.body().transferTo(OutputStream.nullOutputStream());
        }
        if (!started) {
            started = true;
            skipPreamble();
        }
        fill(2);
        if (available() >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        String headers = headerBlock();
        current = new Part(fileName(headers), header(headers, "content-type"), new PartBody());
        return current;
    }

    /** Skips everything up to and including the first delimiter, which may open the body without a CRLF. */
    private void skipPreamble() throws IOException {
        fill(delimiter.length - 2);
        if (startsWith(delimiter, 2)) {
            pos += delimiter.length - 2;
            return;
        }
        while (true) {
            fill(delimiter.length);
            int at = indexOf(delimiter, pos, limit);
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            if (eof) {
                throw unreadable("multipart body has no delimiter for its boundary");
            }
            pos = Math.max(pos, limit - delimiter.length + 1);
        }
    }

    /** The header lines after a delimiter, up to the empty line; transport padding after the delimiter is skipped. */
    private String headerBlock() throws IOException {
        while (fill(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        fill(2);
        if (available() < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw unreadable("multipart delimiter is not followed by a line end");
        }
        pos += 2;
        StringBuilder block = new StringBuilder();
        int seen = 0;
        while (true) {
            if (!fill(1)) {
                throw unreadable("multipart body ends inside a part's headers");
            }
            block.append((char) (buf[pos++] & 0xff));
            if (++seen > MAX_HEADER_BYTES) {
                throw unreadable("a multipart part's headers are over " + MAX_HEADER_BYTES + " bytes");
            }
            int n = block.length();
            if (n >= 4 && block.substring(n - 4).equals("\r\n\r\n")) {
                return block.toString();
            }
            if (n == 2 && block.toString().equals("\r\n")) {
                return ""; // a part without headers
            }
        }
    }

    /** A part's body: reads up to the next delimiter and stops there. Closing it does not close the request. */
    private final class PartBody extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            fill(delimiter.length);
            // Only the window this call can return is searched, so small reads do not rescan the buffer.
            int end = Math.min(limit, pos + len + delimiter.length - 1);
            int at = indexOf(delimiter, pos, end);
            int safe;
            if (at >= 0) {
                safe = at - pos;
                if (safe == 0) {
                    pos += delimiter.length;
                    ended = true;
                    return -1;
                }
            } else if (eof && end == limit) {
                throw unreadable("multipart body ends inside a part (no closing delimiter)");
            } else {
                safe = end - pos - delimiter.length + 1;
            }
            int n = Math.min(len, safe);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            // The request stream belongs to the caller; next() skips what is left of this part.
        }
    }

    /** Reads until at least {@code want} bytes are buffered or the stream ends; false if none are. */
    private boolean fill(int want) throws IOException {
        if (available() >= want || eof) {
            return available() > 0;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < want && !eof) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return available() > 0;
    }

    private int available() {
        return limit - pos;
    }

    private boolean startsWith(byte[] pattern, int from) {
        int n = pattern.length - from;
        if (available() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[pos + i] != pattern[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code pattern} starts, lying wholly in {@code buf[from, to)}, or -1. */
    private int indexOf(byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The {@code boundary} parameter of a multipart content type (RFC 2046: 1 to 70 characters). */
    static String boundary(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.strip();
                if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                    String value = p.substring(9);
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty() && value.length() <= 70) {
                        return value;
                    }
                }
            }
        }
        throw unreadable("multipart content type has no valid boundary parameter");
    }

    /** The value of header {@code name} (lower case) in a header block, or null. */
    static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** The {@code filename} of a part's {@code Content-Disposition}, or null when the part is a plain field. */
    static String fileName(String headers) {
        String disposition = header(headers, "content-disposition");
        if (disposition == null) {
            return null;
        }
        for (String param : disposition.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "filename=", 0, 9)) {
                String value = p.substring(9);
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private static SubmissionException unreadable(String reason) {
        return new SubmissionException(SubmissionException.Kind.UNREADABLE, reason);
    }
}
