package io.urlcheck.worker.html;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.urlcheck.worker.html.AsciiBytes.equalsIgnoreCase;
import static io.urlcheck.worker.html.AsciiBytes.indexOf;
import static io.urlcheck.worker.html.AsciiBytes.indexOfIgnoreCase;
import static io.urlcheck.worker.html.AsciiBytes.isLetter;
import static io.urlcheck.worker.html.AsciiBytes.isSpace;
import static io.urlcheck.worker.html.AsciiBytes.skipSpaces;
import static io.urlcheck.worker.html.AsciiBytes.startsWith;
import static io.urlcheck.worker.html.AsciiBytes.startsWithIgnoreCase;

/**
 * The charset a page declares in its first bytes, read as a browser reads it: the HTML standard's "prescan a
 * byte stream to determine its encoding" (https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding),
 * then its "get an XML encoding". It walks the bytes, skipping comments, other tags with their attributes and
 * {@code <!}, {@code </}, {@code <?} constructs, until a {@code <meta charset>} or a {@code <meta http-equiv=
 * "Content-Type" content="...charset=...">} names a charset; it builds no DOM and, like a browser, knows
 * nothing of script or other raw text, so a meta written inside a script counts. Labels are mapped by
 * {@link CharsetLabels#forLabel}; a label that maps to nothing is the standard's "failure".
 */
final class MetaCharsetPrescan {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** What {@link #attribute()} found: an attribute, the end of the tag, or the end of the bytes. */
    private static final int ATTRIBUTE = 0;
    private static final int TAG_END = 1;
    private static final int OUT_OF_BYTES = 2;

    private final byte[] bytes;
    private final int end;
    private int pos;
    /** The last attribute {@link #attribute()} found, as byte ranges: the standard lower-cases both, we compare ignoring case. */
    private int nameStart;
    private int nameEnd;
    private int valueStart;
    private int valueEnd;
    /** The charset a meta declared, once one has. */
    private Charset declared;

    private MetaCharsetPrescan(byte[] bytes, int end) {
        this.bytes = bytes;
        this.end = end;
    }

    /** The charset declared in {@code bytes[0..length)}, or empty when none is (or only labels that map to none). */
    static Optional<Charset> declared(byte[] bytes, int length) {
        return new MetaCharsetPrescan(bytes, length).prescan();
    }

    private Optional<Charset> prescan() {
        // "Prescan for UTF-16 XML declarations": '<?x' in UTF-16, with no byte order mark.
        if (startsWith(bytes, 0, end, "<\0?\0x\0")) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0, end, "\0<\0?\0x")) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        while (pos < end) {
            if (bytes[pos] == '<' && !markup()) {
                break;
            }
            pos++; // "next byte"
        }
        // Running out of bytes ends the prescan wherever it happens, inside a tag or comment too.
        return declared != null ? Optional.of(declared) : xmlDeclared();
    }

    /**
     * Steps over the markup at the '<' at {@link #pos}, leaving {@link #pos} on its last byte; false when the
     * prescan ends here: a meta declared a charset, or the bytes ran out.
     */
    private boolean markup() {
        if (startsWith(bytes, pos, end, "<!--")) {
            // Ends at the first "-->", whose dashes may be those of "<!--" itself.
            int gt = pos + 4;
            while (gt < end && !(bytes[gt] == '>' && bytes[gt - 1] == '-' && bytes[gt - 2] == '-')) {
                gt++;
            }
            pos = gt;
            return gt < end;
        }
        if (startsWithIgnoreCase(bytes, pos, end, "<meta") && pos + 5 < end && (isSpace(bytes[pos + 5]) || bytes[pos + 5] == '/')) {
            pos += 5;
            return meta();
        }
        int letter = pos + 1 < end && bytes[pos + 1] == '/' ? pos + 2 : pos + 1;
        if (letter < end && isLetter(bytes[letter])) {
            while (pos < end && !isSpace(bytes[pos]) && bytes[pos] != '>') {
                pos++;
            }
            int found;
            do {
                found = attribute();
            } while (found == ATTRIBUTE);
            return found == TAG_END;
        }
        if (pos + 1 < end && (bytes[pos + 1] == '!' || bytes[pos + 1] == '/' || bytes[pos + 1] == '?')) {
            int gt = indexOf(bytes, '>', pos + 1, end);
            pos = gt < 0 ? end : gt;
            return gt >= 0;
        }
        return true; // a '<' before anything else is text
    }

    /**
     * The attributes of a meta, from just after its name: the standard's steps that decide whether it declares a
     * charset. A repeated attribute counts once, the first time; a {@code content} charset counts only with
     * {@code http-equiv="content-type"} and only if no {@code charset} attribute came before it.
     */
    private boolean meta() {
        boolean seenHttpEquiv = false;
        boolean seenContent = false;
        boolean seenCharset = false;
        boolean gotPragma = false;
        Boolean needPragma = null;
        Optional<Charset> charset = null; // null: none named yet; empty: a label that maps to nothing ("failure")
        for (int found = attribute(); found != TAG_END; found = attribute()) {
            if (found == OUT_OF_BYTES) {
                return false;
            }
            if (nameIs("http-equiv") && !seenHttpEquiv) {
                seenHttpEquiv = true;
                gotPragma = equalsIgnoreCase(bytes, valueStart, valueEnd, "content-type");
            } else if (nameIs("content") && !seenContent) {
                seenContent = true;
                Optional<Charset> fromContent = contentCharset();
                if (fromContent.isPresent() && charset == null) {
                    charset = fromContent;
                    needPragma = true;
                }
            } else if (nameIs("charset") && !seenCharset) {
                seenCharset = true;
                charset = metaLabel(valueStart, valueEnd);
                needPragma = false;
            }
        }
        if (needPragma == null || needPragma && !gotPragma || charset.isEmpty()) {
            return true;
        }
        // A meta read from ASCII bytes cannot be in UTF-16, whatever it says: the standard reads it as UTF-8.
        declared = isUtf16(charset.get()) ? StandardCharsets.UTF_8 : charset.get();
        return false;
    }

    /**
     * The standard's "get an attribute" from {@link #pos}: skips separators, then reads one attribute into the
     * name and value ranges, leaving {@link #pos} on the byte after it. At a '>' there is none ({@link #TAG_END}).
     */
    private int attribute() {
        while (pos < end && (isSpace(bytes[pos]) || bytes[pos] == '/')) {
            pos++;
        }
        if (pos >= end) {
            return OUT_OF_BYTES;
        }
        if (bytes[pos] == '>') {
            return TAG_END;
        }
        nameStart = pos;
        valueStart = valueEnd = pos;
        for (; pos < end; pos++) {
            byte b = bytes[pos];
            if (b == '=' && pos > nameStart) {
                nameEnd = pos;
                return value(pos + 1);
            }
            if (isSpace(b) || b == '/' || b == '>') {
                break;
            }
        }
        nameEnd = pos;
        int after = skipSpaces(bytes, pos, end);
        if (after >= end) {
            return OUT_OF_BYTES;
        }
        if (isSpace(bytes[pos]) && bytes[after] == '=') {
            return value(after + 1);
        }
        pos = isSpace(bytes[pos]) ? after : pos; // no value: the next attribute (or the tag's end) starts here
        return ATTRIBUTE;
    }

    /** Reads the value that starts at or after {@code from} (past spaces) into the value range. */
    private int value(int from) {
        pos = skipSpaces(bytes, from, end);
        if (pos >= end) {
            return OUT_OF_BYTES;
        }
        byte quote = bytes[pos];
        if (quote == '"' || quote == '\'') {
            int close = indexOf(bytes, quote, pos + 1, end);
            if (close < 0) {
                return OUT_OF_BYTES;
            }
            valueStart = pos + 1;
            valueEnd = close;
            pos = close + 1;
            return ATTRIBUTE;
        }
        valueStart = pos;
        if (quote == '>') {
            valueEnd = pos; // an empty value; the '>' ends the tag
            return ATTRIBUTE;
        }
        pos++;
        while (pos < end && !isSpace(bytes[pos]) && bytes[pos] != '>') {
            pos++;
        }
        valueEnd = pos;
        return pos < end ? ATTRIBUTE : OUT_OF_BYTES;
    }

    /**
     * The standard's "extracting a character encoding from a meta element" over the content value: the first
     * "charset" followed (past spaces) by '=', then a quoted label or one that runs to a space or ';'.
     */
    private Optional<Charset> contentCharset() {
        int from = valueStart;
        while (true) {
            int at = indexOfIgnoreCase(bytes, "charset", from, valueEnd);
            if (at < 0) {
                return Optional.empty();
            }
            int eq = skipSpaces(bytes, at + "charset".length(), valueEnd);
            if (eq >= valueEnd || bytes[eq] != '=') {
                from = eq;
                continue;
            }
            int start = skipSpaces(bytes, eq + 1, valueEnd);
            if (start >= valueEnd) {
                return Optional.empty();
            }
            byte quote = bytes[start];
            if (quote == '"' || quote == '\'') {
                int close = indexOf(bytes, quote, start + 1, valueEnd);
                return close < 0 ? Optional.empty() : metaLabel(start + 1, close);
            }
            int stop = start;
            while (stop < valueEnd && !isSpace(bytes[stop]) && bytes[stop] != ';') {
                stop++;
            }
            return metaLabel(start, stop);
        }
    }

    /**
     * The standard's "get an XML encoding", for a page that declares no charset in a meta: the quoted encoding
     * of an XML declaration at the very first byte. Looked for within the declaration, before its '>'.
     */
    private Optional<Charset> xmlDeclared() {
        int close = startsWith(bytes, 0, end, "<?xml") ? indexOf(bytes, '>', 0, end) : -1;
        int at = close < 0 ? -1 : indexOf(bytes, "encoding", 0, close);
        if (at < 0) {
            return Optional.empty();
        }
        int eq = skipControlsAndSpaces(at + "encoding".length(), close);
        if (eq >= close || bytes[eq] != '=') {
            return Optional.empty();
        }
        int start = skipControlsAndSpaces(eq + 1, close);
        if (start >= close || bytes[start] != '"' && bytes[start] != '\'') {
            return Optional.empty();
        }
        int stop = indexOf(bytes, bytes[start], start + 1, close);
        if (stop < 0) {
            return Optional.empty();
        }
        for (int i = start + 1; i < stop; i++) {
            if ((bytes[i] & 0xff) <= 0x20) {
                return Optional.empty();
            }
        }
        return label(start + 1, stop).map(c -> isUtf16(c) ? StandardCharsets.UTF_8 : c);
    }

    /** A label in a meta: x-user-defined is read as windows-1252, as the standard says (Java has no x-user-defined). */
    private Optional<Charset> metaLabel(int from, int to) {
        String label = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        return label.trim().equalsIgnoreCase("x-user-defined") ? Optional.of(WINDOWS_1252) : CharsetLabels.forLabel(label);
    }

    private Optional<Charset> label(int from, int to) {
        return CharsetLabels.forLabel(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }

    private static boolean isUtf16(Charset charset) {
        return charset.name().startsWith("UTF-16") || charset.name().equals("x-UTF-16LE-BOM");
    }

    private boolean nameIs(String name) {
        return equalsIgnoreCase(bytes, nameStart, nameEnd, name);
    }

    /** Past bytes up to 0x20: XML's declaration is read more loosely than HTML's attributes. */
    private int skipControlsAndSpaces(int from, int to) {
        while (from < to && (bytes[from] & 0xff) <= 0x20) {
            from++;
        }
        return from;
    }
}
