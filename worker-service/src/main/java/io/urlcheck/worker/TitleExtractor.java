package io.urlcheck.worker;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The title of an HTML page: the document's own {@code <title>} (never one inside {@code <svg>} or
 * {@code <math>}), entities decoded, whitespace collapsed, cut to {@link #MAX_TITLE_CHARS} characters.
 * The bytes are decoded with the charset {@link CharsetSniffer} picks. Only the head of the page up to
 * the title's end tag is parsed, not the whole body (up to 1 MiB), which was a large share of a check's CPU.
 */
public final class TitleExtractor {

    /** Titles longer than this many characters are cut (at a character boundary) and end with an ellipsis. */
    public static final int MAX_TITLE_CHARS = 512;

    /** Body bytes decoded and searched first; the rest only when no title ends within them. */
    static final int HEAD_BYTES = 16 * 1024;

    /** Prefixes parsed (one per {@code </title}) before falling back to parsing the whole page. */
    private static final int MAX_PREFIX_PARSES = 8;

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
        int skip = CharsetSniffer.bomLength(body, length, charset);
        int rest = length - skip;
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
     * The first document title in {@code html}. Jsoup parses only the prefix up to a {@code </title},
     * which gives the same tree as the whole page up to there: a title element is complete at its end
     * tag, whatever follows. A prefix whose titles are all inside svg or math moves on to the next end
     * tag; after {@link #MAX_PREFIX_PARSES} of them, or when a title is left open, the whole text is
     * parsed. With {@code complete} false, {@code html} is a cut head and empty means "look further".
     */
    private static Optional<String> firstTitle(String html, boolean complete) {
        int from = 0;
        for (int parses = 0; parses < MAX_PREFIX_PARSES; parses++) {
            int end = endOfTitleEndTag(html, from);
            if (end < 0) {
                boolean open = indexOfIgnoreCase(html, "<title", from) >= 0 || indexOfIgnoreCase(html, "</title", from) >= 0;
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
                return Optional.of(truncate(WHITESPACE.matcher(title.text()).replaceAll(" ").trim()));
            }
        }
        return Optional.empty();
    }

    /** The index just past the next {@code </title ...>} at or after {@code from}, or -1. */
    private static int endOfTitleEndTag(String html, int from) {
        for (int close = indexOfIgnoreCase(html, "</title", from); close >= 0;
                close = indexOfIgnoreCase(html, "</title", close + 1)) {
            int after = close + "</title".length();
            if (after < html.length() && " \t\n\f\r/>".indexOf(html.charAt(after)) >= 0) { // not </titles>
                int gt = html.indexOf('>', after);
                return gt < 0 ? -1 : gt + 1;
            }
        }
        return -1;
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        char first = needle.charAt(0);
        for (int i = text.indexOf(first, from); i >= 0 && i <= text.length() - needle.length(); i = text.indexOf(first, i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    static String truncate(String title) {
        if (title.codePointCount(0, title.length()) <= MAX_TITLE_CHARS) {
            return title;
        }
        int end = title.offsetByCodePoints(0, MAX_TITLE_CHARS - 1);
        return title.substring(0, end) + "\u2026";
    }
}
