package io.urlcheck.worker.html;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps an encoding label, as a {@code Content-Type} header or a {@code <meta>} tag gives it, to a Java charset,
 * following the WHATWG mapping where Java's differs ({@code gb2312} reads as GBK, {@code iso-8859-1} as
 * windows-1252). Both {@link CharsetSniffer} and {@link MetaCharsetPrescan} read labels through it.
 */
final class CharsetLabels {

    private CharsetLabels() {
    }

    /** The charset a label names, or empty for a label that maps to nothing (the standard's "failure"). */
    static Optional<Charset> forLabel(String label) {
        String l = label.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        switch (l) {
            case "gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "iso-ir-58":
                l = "GBK";
                break;
            case "iso-8859-1", "latin1", "us-ascii", "ascii", "l1":
                l = "windows-1252";
                break;
            default:
                break;
        }
        try {
            return Optional.of(Charset.forName(l));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
