package io.urlcheck.worker;

import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Takes a response body chunk by chunk and keeps at most {@code maxBytes} of it, measured after
 * decompression ({@code gzip}, {@code deflate}), so a gzip bomb costs at most {@code maxBytes} of
 * output and never more memory than that. {@link #isFull()} tells the caller to stop reading and
 * close the connection. Bytes are retained only when {@code retain} is set (HTML, for the title);
 * otherwise they are just counted. A body of known, modest length is kept in one array of exactly that
 * size, so neither growing nor {@link #bytes()} copies it.
 */
public final class BodyCollector {

    private final int maxBytes;
    private final boolean retain;
    private final Inflater inflater;
    private final String encoding;
    private byte[] gzipHeader;
    private boolean gzipHeaderDone;
    private static final byte[] NONE = new byte[0];

    /**
     * The most a declared length reserves before its bytes arrive, so a server that announces a large body
     * and then trickles it cannot make every in-flight check hold {@code maxBytes}.
     */
    private static final int MAX_RESERVED_BYTES = 64 * 1024;

    private byte[] data = NONE;
    private int size;
    private boolean full;
    private String error;

    /** A collector for a body with the given {@code Content-Encoding} (null or identity for none). */
    public BodyCollector(int maxBytes, boolean retain, String contentEncoding) {
        this(maxBytes, retain, contentEncoding, -1);
    }

    /**
     * As above, for a body whose {@code Content-Length} is {@code declaredLength} (negative when unknown).
     * The declared length only sizes the buffer; the bytes that arrive are what counts.
     */
    public BodyCollector(int maxBytes, boolean retain, String contentEncoding, long declaredLength) {
        this.maxBytes = maxBytes;
        String enc = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        boolean gzip = enc.equals("gzip") || enc.equals("x-gzip");
        this.encoding = enc;
        this.inflater = gzip ? new Inflater(true) : enc.equals("deflate") ? new Inflater() : null;
        // An encoding we cannot decode (br, zstd...) is counted, never parsed as if it were text.
        this.retain = retain && (inflater != null || enc.isEmpty() || enc.equals("identity"));
        this.gzipHeaderDone = !gzip;
        this.gzipHeader = NONE;
        if (this.retain && inflater == null && declaredLength > 0) {
            data = new byte[(int) Math.min(declaredLength, Math.min(maxBytes, MAX_RESERVED_BYTES))];
        }
    }

    /** Adds the next raw chunk as received. */
    public void add(byte[] chunk) {
        add(chunk, 0, chunk.length);
    }

    /** Adds the next raw chunk as received: {@code length} bytes of {@code src} from {@code offset}, which are not kept. */
    public void add(byte[] src, int offset, int length) {
        if (full || error != null) {
            return;
        }
        if (inflater == null) {
            append(src, offset, length);
            return;
        }
        byte[] input = Arrays.copyOfRange(src, offset, offset + length);
        if (!gzipHeaderDone) {
            input = skipGzipHeader(input);
            if (input == null) {
                return;
            }
        }
        inflater.setInput(input);
        byte[] out = new byte[8192];
        try {
            while (!full && !inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(out, 0, Math.min(out.length, maxBytes - size + 1));
                if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                append(out, 0, n);
            }
        } catch (DataFormatException e) {
            error = "corrupt " + encoding + " body: " + e.getMessage();
        }
    }

    /** True once {@code maxBytes} were collected: stop reading. */
    public boolean isFull() {
        return full;
    }

    /** Bytes of (decoded) body seen, at most {@code maxBytes}. */
    public int size() {
        return size;
    }

    /** The retained bytes (length {@link #size()} when retaining, else empty). Later chunks never change them. */
    public byte[] bytes() {
        if (!retain) {
            return NONE;
        }
        return data.length == size ? data : Arrays.copyOf(data, size);
    }

    /** A decoding problem, or null. */
    public String error() {
        return error;
    }

    /** Frees the inflater's native memory. */
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private void append(byte[] src, int off, int len) {
        int take = Math.min(len, maxBytes - size);
        if (retain && take > 0) {
            if (data.length < size + take) {
                data = Arrays.copyOf(data, Math.min(maxBytes, Math.max(size + take, data.length * 2 + 1024)));
            }
            System.arraycopy(src, off, data, size, take);
        }
        size += take;
        if (take < len || size >= maxBytes) {
            full = true;
        }
    }

    /** Buffers until the whole gzip header (RFC 1952) is in; returns the bytes after it, or null for more. */
    private byte[] skipGzipHeader(byte[] chunk) {
        byte[] h = Arrays.copyOf(gzipHeader, gzipHeader.length + chunk.length);
        System.arraycopy(chunk, 0, h, gzipHeader.length, chunk.length);
        gzipHeader = h;
        if (h.length > 64 * 1024) {
            error = "gzip header too long";
            return null;
        }
        if (h.length < 10) {
            return null;
        }
        if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) {
            error = "not a gzip body";
            return null;
        }
        int flags = h[3] & 0xff;
        int pos = 10;
        if ((flags & 4) != 0) {
            if (h.length < pos + 2) {
                return null;
            }
            pos += 2 + ((h[pos] & 0xff) | (h[pos + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {8, 16}) {
            if ((flags & flag) != 0) {
                while (pos < h.length && h[pos] != 0) {
                    pos++;
                }
                if (pos >= h.length) {
                    return null;
                }
                pos++;
            }
        }
        if ((flags & 2) != 0) {
            pos += 2;
        }
        if (pos > h.length) {
            return null;
        }
        gzipHeaderDone = true;
        return Arrays.copyOfRange(h, pos, h.length);
    }
}
