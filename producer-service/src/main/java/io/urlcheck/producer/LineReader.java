package io.urlcheck.producer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines from a stream in bounded memory. LF, CRLF and a lone CR each end a line, so mixed
 * endings work; a leading BOM is dropped; a last line without a newline still counts. A line over
 * {@code maxLineBytes} is never held whole: its first bytes are kept for the error report and the rest is
 * skipped up to the next line end. Each line is decoded strictly, so invalid UTF-8 is reported per line.
 * Not thread-safe; one reader per stream.
 */
public final class LineReader {

    /** Bytes of an over-long line kept to identify it in the rejection. */
    public static final int TOO_LONG_PREFIX_BYTES = 256;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int lineLength;
    private int position;
    private int limit;
    private long number;
    private boolean skipLf;
    private boolean started;
    private boolean eof;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        lineLength = 0;
        long bytesInLine = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                return finish(bytesInLine);
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            int end = start;
            byte terminator = 0;
            while (end < limit) {
                byte b = buffer[end];
                if (b == '\n' || b == '\r') {
                    terminator = b;
                    break;
                }
                end++;
            }
            sawAny = true;
            append(start, end - start);
            bytesInLine += end - start;
            if (terminator != 0) {
                position = end + 1;
                skipLf = terminator == '\r';
                return finish(bytesInLine);
            }
            position = end;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        position = 0;
        limit = n;
        if (!started) {
            started = true;
            if (n >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
                position = 3;
            }
        }
        return true;
    }

    private void append(int from, int count) {
        int room = maxLineBytes - lineLength;
        int take = Math.min(count, Math.max(room, 0));
        if (take <= 0) {
            return;
        }
        if (lineLength + take > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + take)));
        }
        System.arraycopy(buffer, from, line, lineLength, take);
        lineLength += take;
    }

    private Line finish(long bytesInLine) {
        number++;
        if (bytesInLine > maxLineBytes) {
            int keep = Math.min(lineLength, TOO_LONG_PREFIX_BYTES);
            String prefix = new String(line, 0, keep, StandardCharsets.UTF_8);
            return new Line(number, prefix, Line.Problem.TOO_LONG);
        }
        if (isAscii(line, lineLength)) {
            return new Line(number, new String(line, 0, lineLength, StandardCharsets.ISO_8859_1), null);
        }
        try {
            String text = strict.decode(ByteBuffer.wrap(line, 0, lineLength)).toString();
            // A BOM split from the stream's first read arrives here as U+FEFF.
            return new Line(number, number == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, new String(line, 0, lineLength, StandardCharsets.UTF_8), Line.Problem.INVALID_UTF8);
        }
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
