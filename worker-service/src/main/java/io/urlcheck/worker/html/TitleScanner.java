package io.urlcheck.worker.html;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the raw text of a page's first {@code <title>} by a plain scan, without building a DOM, when the
 * markup before it is so plain that an HTML parser could not read it any other way. It vouches only for
 * well-formed tags whose names cannot change how what follows is tokenized or where a title lands; any
 * comment, script, svg, stray quote or {@code <} inside a tag and the like makes it decline, and the
 * caller parses with jsoup instead. Declining is always safe; answering must agree with jsoup.
 */
final class TitleScanner {

    /**
     * Start tags that make the tokenizer read what follows as raw text or script, put a later title in a
     * foreign (svg, math) or template tree, or make the tree builder drop it (select, frameset, a table's modes).
     */
    private static final Set<String> UNSAFE_TAGS = Set.of("script", "style", "svg", "math", "textarea", "xmp",
            "iframe", "noembed", "noframes", "noscript", "plaintext", "template", "select", "table", "frameset");

    private static final String WHITESPACE = " \t\n\f\r";

    private TitleScanner() {
    }

    /**
     * The undecoded text between the first title's start tag and its end tag, or empty when the scan cannot
     * vouch for it (including when there is no closed title at all).
     */
    static Optional<String> rawTitle(String html) {
        int pos = 0;
        while (true) {
            int lt = html.indexOf('<', pos);
            if (lt < 0 || lt + 2 >= html.length()) {
                return Optional.empty();
            }
            char next = html.charAt(lt + 1);
            if (isAsciiLetter(next)) {
                Tag tag = plainTag(html, lt + 1);
                if (tag == null || UNSAFE_TAGS.contains(tag.name())) {
                    return Optional.empty();
                }
                if (tag.name().equals("title")) {
                    return tag.selfClosing() ? Optional.empty() : titleText(html, tag.end());
                }
                pos = tag.end();
            } else if (next == '/') {
                // An end tag changes no tokenizer state; one for title would move where the caller cuts the page.
                Tag tag = isAsciiLetter(html.charAt(lt + 2)) ? plainTag(html, lt + 2) : null;
                if (tag == null || tag.name().equals("title")) {
                    return Optional.empty();
                }
                pos = tag.end();
            } else if (next == '!') {
                // A doctype ends at the first '>', quoted identifiers or not; comments, CDATA and the rest decline.
                int gt = html.indexOf('>', lt);
                if (!html.regionMatches(true, lt + 2, "doctype", 0, "doctype".length()) || gt < 0
                        || containsLtOrNul(html, lt + 1, gt)) {
                    return Optional.empty();
                }
                pos = gt + 1;
            } else if (next == '?') {
                return Optional.empty(); // a bogus comment
            } else {
                pos = lt + 1; // '<' before anything else is text
            }
        }
    }

    /** The index of the next {@code </title} that ends a title, followed by whitespace, '/' or '>', or -1. */
    static int titleEndTag(String html, int from) {
        for (int close = indexOfIgnoreCase(html, "</title", from); close >= 0;
                close = indexOfIgnoreCase(html, "</title", close + 1)) {
            int after = close + "</title".length();
            if (after < html.length() && " \t\n\f\r/>".indexOf(html.charAt(after)) >= 0) { // not </titles>
                return close;
            }
        }
        return -1;
    }

    /** The index of {@code needle} at or after {@code from}, ignoring case as {@code String.regionMatches} does. */
    static int indexOfIgnoreCase(String text, String needle, int from) {
        char first = needle.charAt(0);
        for (int i = text.indexOf(first, from); i >= 0 && i <= text.length() - needle.length(); i = text.indexOf(first, i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The title's content from {@code start} to its end tag. Declines when the end tag is spelled with
     * non-ASCII letters that only Java's case folding equates with "title" (the caller cuts there, jsoup
     * does not end the title there), on a NUL (jsoup turns it into U+FFFD), and on a '<' that could start a
     * tag: before a letter, jsoup ends a title early when no lower- or upper-case {@code </title} follows;
     * before '/', jsoup reads {@code </ab</title>} as one end tag name up to the '/', so the title goes on.
     */
    private static Optional<String> titleText(String html, int start) {
        int close = titleEndTag(html, start);
        if (close < 0 || html.indexOf('>', close) < 0 || !isAscii(html, close, close + "</title".length())) {
            return Optional.empty();
        }
        String text = html.substring(start, close);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (c == '\0' || c == '<' && (isAsciiLetter(next) || next == '/')) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    /**
     * The tag whose name starts at {@code start} (just after {@code <} or {@code </}), or null unless it is
     * well formed: an ASCII name, then attributes as {@code name}, {@code name=value}, {@code name="value"} or
     * {@code name='value'} separated by whitespace, then {@code >} or {@code />}, with no '<' or NUL anywhere.
     * For such a tag the HTML tokenizer's error recovery never comes into play.
     */
    private static Tag plainTag(String html, int start) {
        int i = start;
        while (i < html.length() && isNameChar(html.charAt(i))) {
            i++;
        }
        String name = html.substring(start, i).toLowerCase(Locale.ROOT);
        while (true) {
            int spaced = i;
            i = skipWhitespace(html, i);
            if (i >= html.length()) {
                return null;
            }
            char c = html.charAt(i);
            if (c == '>') {
                return new Tag(name, i + 1, false);
            }
            if (c == '/') {
                return i + 1 < html.length() && html.charAt(i + 1) == '>' ? new Tag(name, i + 2, true) : null;
            }
            if (i == spaced) {
                return null; // an attribute must follow whitespace
            }
            int nameStart = i;
            while (i < html.length() && isAttributeNameChar(html.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                return null;
            }
            int afterName = skipWhitespace(html, i);
            if (afterName < html.length() && html.charAt(afterName) == '=') {
                i = skipWhitespace(html, afterName + 1);
                i = value(html, i);
                if (i < 0) {
                    return null;
                }
            }
        }
    }

    /** The index just past the attribute value at {@code i}, or -1 when it is missing or not plain. */
    private static int value(String html, int i) {
        if (i >= html.length()) {
            return -1;
        }
        char quote = html.charAt(i);
        if (quote == '"' || quote == '\'') {
            int close = html.indexOf(quote, i + 1);
            if (close < 0 || containsLtOrNul(html, i + 1, close)) {
                return -1;
            }
            int after = close + 1;
            // After a quoted value comes whitespace or the end of the tag: "a"b is not plain.
            return after < html.length() && (WHITESPACE.indexOf(html.charAt(after)) >= 0 || html.charAt(after) == '>'
                    || html.charAt(after) == '/') ? after : -1;
        }
        int start = i;
        while (i < html.length() && isUnquotedValueChar(html.charAt(i))) {
            i++;
        }
        return i == start ? -1 : i;
    }

    private static int skipWhitespace(String html, int i) {
        while (i < html.length() && WHITESPACE.indexOf(html.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean containsLtOrNul(String html, int from, int to) {
        for (int i = from; i < to; i++) {
            if (html.charAt(i) == '<' || html.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String html, int from, int to) {
        for (int i = from; i < to; i++) {
            if (html.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '-' || c == ':';
    }

    private static boolean isAttributeNameChar(char c) {
        return WHITESPACE.indexOf(c) < 0 && "/>=\"'<\0".indexOf(c) < 0;
    }

    private static boolean isUnquotedValueChar(char c) {
        return WHITESPACE.indexOf(c) < 0 && ">\"'<=`\0".indexOf(c) < 0;
    }

    /** A start or end tag: its lower-case name, the index just past its '>', and whether it ended with "/>". */
    private record Tag(String name, int end, boolean selfClosing) {
    }
}
