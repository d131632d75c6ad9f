package io.urlcheck.launcher.output;

/**
 * Text from outside the launcher (page titles, URLs, input lines, error texts of the services and of target
 * servers) made harmless for a terminal. A control character in a title could otherwise clear the screen, set the
 * window title or rewrite a line, and a bidi override could make a URL read as another. Every such character is
 * shown as a visible escape instead: C0 (ESC, BEL, CR, TAB...), DEL and C1 (U+0080 to U+009F) as {@code \x1b},
 * the bidi embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069) as {@code \u202e}.
 *
 * <p>This is the launcher's one rule for it: the terminal tables and lines pass outside text through
 * {@link #safe} before they add their own colour, and the files ({@code --out}, {@code --format json|csv|markdown})
 * keep their own, format-specific escaping.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** {@code text} with every control and bidi character escaped, line breaks included; "" for null. */
    public static String safe(String text) {
        return escape(text, false);
    }

    /** As {@link #safe}, but keeping {@code \n}: for messages of several lines, such as an error with its cause. */
    public static String safeLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepNewlines) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = keepNewlines && c == '\n' ? null : escape(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(escaped != null ? escaped : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** The visible form of {@code c}, or null when it may be written as it is. */
    private static String escape(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
