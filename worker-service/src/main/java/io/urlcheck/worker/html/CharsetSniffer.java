package io.urlcheck.worker.html;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the charset of an HTML body in the order of the HTML standard's encoding sniffing, as browsers do:
 * a byte order mark (it outranks everything, the header included); the {@code Content-Type} header's
 * charset; a {@code <meta charset>} or {@code <meta http-equiv="Content-Type">} in the first
 * {@link #PRESCAN_BYTES} bytes, or failing that an XML declaration's encoding, found by
 * {@link MetaCharsetPrescan}; else UTF-8. Labels follow the WHATWG mapping where Java's differs
 * ({@code gb2312} reads as GBK, {@code iso-8859-1} as windows-1252).
 */
public final class CharsetSniffer {

    /** How far into the body a meta charset is looked for (the HTML spec's prescan encourages 1024; we allow more). */
    public static final int PRESCAN_BYTES = 4096;

    private CharsetSniffer() {
    }

    /** The charset to decode {@code body[0..length)} with. */
    public static Charset detect(byte[] body, int length, String contentType) {
        return fromBom(body, length)
                .or(() -> fromContentType(contentType))
                .or(() -> fromPrescan(body, length))
                .orElse(StandardCharsets.UTF_8);
    }

    /** How many leading bytes are a byte order mark, to skip; {@link #detect} then picked its charset. */
    static int bomLength(byte[] body, int length) {
        return bom(body, length).map(Bom::length).orElse(0);
    }

    static Optional<Charset> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                return CharsetLabels.forLabel(p.substring("charset=".length()));
            }
        }
        return Optional.empty();
    }

    /** The charset the first {@link #PRESCAN_BYTES} bytes of the body declare, read as a browser's prescan reads them. */
    static Optional<Charset> fromPrescan(byte[] body, int length) {
        return MetaCharsetPrescan.declared(body, Math.min(length, PRESCAN_BYTES));
    }

    private static Optional<Charset> fromBom(byte[] body, int length) {
        return bom(body, length).map(Bom::charset);
    }

    private record Bom(Charset charset, int length) {
    }

    private static Optional<Bom> bom(byte[] b, int length) {
        if (length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return Optional.of(new Bom(StandardCharsets.UTF_8, 3));
        }
        if (length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return Optional.of(new Bom(StandardCharsets.UTF_16BE, 2));
        }
        if (length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return Optional.of(new Bom(StandardCharsets.UTF_16LE, 2));
        }
        return Optional.empty();
    }
}
