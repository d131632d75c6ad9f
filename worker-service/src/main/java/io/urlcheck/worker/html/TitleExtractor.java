package io.urlcheck.worker.html;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The title of an HTML page: the document's own {@code <title>} (never one inside {@code <svg>} or
 * {@code <math>}), entities decoded, whitespace collapsed, cut to {@link #MAX_TITLE_CHARS} characters.
 * The bytes are decoded with the charset {@link CharsetSniffer} picks. Only the head of the page up to
 * the title's end tag is parsed, not the whole body (up to 1 MiB), which was a large share of a check's CPU;
 * a plain head is not parsed at all but scanned by {@link TitleScanner}, which gives jsoup's answer.
 */
public final class TitleExtractor {

    /** Titles longer than this many characters are cut (at a character boundary) and end with an ellipsis. */
    public static final int MAX_TITLE_CHARS = 512;

    /** Body bytes decoded and searched first; the rest only when no title ends within them. */
    static final int HEAD_BYTES = 16 * 1024;

    /** Prefixes parsed (one per {@code </title}) before falling back to parsing the whole page. */
    private static final int MAX_PREFIX_PARSES = 8;

    /**
     * Charsets in which every ASCII character is its own single byte and no byte of a longer character
     * is {@code <} or {@code >}, so a page can be cut at a tag found in its bytes.
     */
    private static final Set<Charset> ASCII_COMPATIBLE = Set.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
            StandardCharsets.US_ASCII, Charset.forName("windows-1252"));

    /** HTML's ASCII whitespace; a no-break space is content, not layout, and stays. */
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\n\\f\\r]+");

    private TitleExtractor() {
    }

    /** True for content types whose body is parsed for a title: HTML and XHTML. */
    public static boolean isHtml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mime.equals("text/html") || mime.equals("application/xhtml+xml");
    }

    /** The title of {@code body} served with {@code contentType}, or empty when there is none. */
    public static Optional<String> extract(byte[] body, int length, String contentType) {
        Charset charset = CharsetSniffer.detect(body, length, contentType);
        int skip = CharsetSniffer.bomLength(body, length);
        int rest = length - skip;
        int titleEnd = ASCII_COMPATIBLE.contains(charset) ? endOfTitleEndTag(body, skip, length) : -1;
        if (titleEnd > 0 && titleEnd < length) {
            // Usually the page up to its first </title> holds the title: decode just that. In these charsets
            // "</title" and ">" are those bytes wherever they occur, so the cut falls between characters.
            Optional<String> early = firstTitle(new String(body, skip, titleEnd - skip, charset), false);
            if (early.isPresent()) {
                return early;
            }
        }
        if (rest > HEAD_BYTES) {
            // Most titles sit in the first few KiB: decode only that much first (an even count, for UTF-16).
            Optional<String> early = firstTitle(new String(body, skip, HEAD_BYTES, charset), false);
            if (early.isPresent()) {
                return early;
            }
        }
        return firstTitle(new String(body, skip, rest, charset), true);
    }

    /**
     * The first document title in {@code html}: found by {@link TitleScanner} when the head before it is plain
     * (most pages, and no DOM to build), otherwise by jsoup. With {@code complete} false, {@code html} is a cut
     * head and empty means "look further".
     */
    static Optional<String> firstTitle(String html, boolean complete) {
        Optional<String> scanned = scannedTitle(html);
        return scanned.isPresent() ? scanned.filter(t -> !t.isEmpty()) : parsedTitle(html, complete);
    }

    /**
     * The first title's text, possibly blank, as jsoup would give it, or empty when the scan cannot vouch for
     * it. A title is RCDATA: its text is the raw content with character references decoded the way jsoup's
     * tokenizer decodes them, and jsoup's {@code text()} of a title only trims it (a title keeps its whitespace),
     * which {@link #clean} does too.
     */
    static Optional<String> scannedTitle(String html) {
        return TitleScanner.rawTitle(html).map(raw -> clean(CharacterReferences.decode(raw)));
    }

    /**
     * The first document title in {@code html}, by jsoup. Jsoup parses only the prefix up to a {@code </title},
     * which gives the same tree as the whole page up to there: a title element is complete at its end
     * tag, whatever follows. A prefix whose titles are all inside svg or math moves on to the next end
     * tag; after {@link #MAX_PREFIX_PARSES} of them, or when a title is left open, the whole text is parsed.
     */
    static Optional<String> parsedTitle(String html, boolean complete) {
        int from = 0;
        for (int parses = 0; parses < MAX_PREFIX_PARSES; parses++) {
            int end = endOfTitleEndTag(html, from);
            if (end < 0) {
                boolean open = TitleScanner.indexOfIgnoreCase(html, "<title", from) >= 0
                        || TitleScanner.indexOfIgnoreCase(html, "</title", from) >= 0;
                return complete && open ? documentTitle(html).filter(t -> !t.isEmpty()) : Optional.empty();
            }
            from = end;
            Optional<String> title = documentTitle(html.substring(0, end));
            if (title.isPresent()) {
                return title.filter(t -> !t.isEmpty());
            }
        }
        return complete ? documentTitle(html).filter(t -> !t.isEmpty()) : Optional.empty();
    }

    /** The text of the first title outside svg and math, possibly blank, or empty when there is no such element. */
    private static Optional<String> documentTitle(String html) {
        Document doc = Jsoup.parse(html);
        for (Element title : doc.getElementsByTag("title")) {
            if (title.parents().stream().noneMatch(p -> p.nameIs("svg") || p.nameIs("math"))) {
                return Optional.of(clean(title.text()));
            }
        }
        return Optional.empty();
    }

    /** The index just past the first {@code </title ...>} in {@code body[from..to)}, case ignored, or -1. */
    private static int endOfTitleEndTag(byte[] body, int from, int to) {
        int close = AsciiBytes.indexOfIgnoreCase(body, "</title", from, to);
        int gt = close < 0 ? -1 : AsciiBytes.indexOf(body, '>', close, to);
        return gt < 0 ? -1 : gt + 1;
    }

    /** The index just past the next {@code </title ...>} at or after {@code from}, or -1. */
    private static int endOfTitleEndTag(String html, int from) {
        int close = TitleScanner.titleEndTag(html, from);
        int gt = close < 0 ? -1 : html.indexOf('>', close);
        return gt < 0 ? -1 : gt + 1;
    }

    /** ASCII whitespace collapsed to one space, trimmed, and cut to {@link #MAX_TITLE_CHARS}. */
    private static String clean(String text) {
        return truncate(WHITESPACE.matcher(text).replaceAll(" ").trim());
    }

    static String truncate(String title) {
        if (title.codePointCount(0, title.length()) <= MAX_TITLE_CHARS) {
            return title;
        }
        int end = title.offsetByCodePoints(0, MAX_TITLE_CHARS - 1);
        return title.substring(0, end) + "\u2026";
    }
}
