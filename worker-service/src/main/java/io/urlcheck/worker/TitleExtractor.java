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
 * The bytes are decoded with the charset {@link CharsetSniffer} picks.
 */
public final class TitleExtractor {

    /** Titles longer than this many characters are cut (at a character boundary) and end with an ellipsis. */
    public static final int MAX_TITLE_CHARS = 512;

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
        String html = new String(body, skip, length - skip, charset);
        Document doc = Jsoup.parse(html);
        for (Element title : doc.getElementsByTag("title")) {
            if (title.parents().stream().noneMatch(p -> p.nameIs("svg") || p.nameIs("math"))) {
                return Optional.of(WHITESPACE.matcher(title.text()).replaceAll(" ").trim()).filter(t -> !t.isEmpty()).map(TitleExtractor::truncate);
            }
        }
        return Optional.empty();
    }

    static String truncate(String title) {
        if (title.codePointCount(0, title.length()) <= MAX_TITLE_CHARS) {
            return title;
        }
        int end = title.offsetByCodePoints(0, MAX_TITLE_CHARS - 1);
        return title.substring(0, end) + "\u2026";
    }
}
