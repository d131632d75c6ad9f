package io.urlcheck.worker.html;

import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;

import java.util.Optional;

/**
 * Decodes the character references of a title's raw text (RCDATA) exactly as jsoup's tokenizer does,
 * for {@link TitleScanner}'s fast path: the common well-formed references here, anything else by jsoup.
 */
final class CharacterReferences {

    private CharacterReferences() {
    }

    /**
     * {@code text} with its character references decoded as jsoup's tokenizer decodes them in a title. Jsoup's
     * own decoder builds a parser on each call (about 2 µs, more than all the rest of a scanned title), so the
     * common well-formed references are decoded here and only a text with another kind of '&' goes to it.
     */
    static String decode(String text) {
        return decodeWellFormed(text).orElseGet(() -> Parser.unescapeEntities(text, false));
    }

    /**
     * {@code text} decoded, or empty unless each '&' starts a reference ended by ';': a name in jsoup's
     * table, or a number of at most 7 digits that jsoup does not replace (above U+10FFFF, or 0x80-0x9F
     * read as windows-1252). Names are ASCII letters then digits, as jsoup reads them.
     */
    static Optional<String> decodeWellFormed(String text) {
        if (text.indexOf('&') < 0) {
            return Optional.of(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
            out.append(text, from, amp);
            boolean number = amp + 1 < text.length() && text.charAt(amp + 1) == '#';
            from = number ? appendNumber(text, amp + 2, out) : appendName(text, amp + 1, out);
            if (from < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(out.append(text, from, text.length()).toString());
    }

    /** Appends the numbered reference whose digits (after an optional 'x') start at {@code i}; the index past its ';', or -1. */
    private static int appendNumber(String text, int i, StringBuilder out) {
        boolean hex = i < text.length() && (text.charAt(i) == 'x' || text.charAt(i) == 'X');
        int start = hex ? i + 1 : i;
        int end = start;
        while (end < text.length() && (isDigit(text.charAt(end)) || hex && isHexLetter(text.charAt(end)))) {
            end++;
        }
        if (end == start || end - start > 7 || end >= text.length() || text.charAt(end) != ';') {
            return -1;
        }
        int value = Integer.parseInt(text, start, end, hex ? 16 : 10);
        if (value > Character.MAX_CODE_POINT || value >= 0x80 && value <= 0x9F) {
            return -1;
        }
        out.appendCodePoint(value);
        return end + 1;
    }

    /** Appends the named reference whose name starts at {@code i}; the index past its ';', or -1. */
    private static int appendName(String text, int i, StringBuilder out) {
        int end = i;
        while (end < text.length() && isAsciiLetter(text.charAt(end))) {
            end++;
        }
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        if (end == i || end >= text.length() || text.charAt(end) != ';') {
            return -1;
        }
        String name = text.substring(i, end);
        int[] codePoints = new int[2];
        boolean known = Entities.isNamedEntity(name) || Entities.isBaseNamedEntity(name);
        int count = known ? Entities.codepointsForName(name, codePoints) : 0;
        for (int k = 0; k < count; k++) {
            out.appendCodePoint(codePoints[k]);
        }
        return count == 0 ? -1 : end + 1;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexLetter(char c) {
        return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
