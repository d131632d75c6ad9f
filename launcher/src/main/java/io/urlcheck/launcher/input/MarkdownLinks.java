package io.urlcheck.launcher.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links of a Markdown document, each with its line: inline links and images {@code [t](url "title")},
 * reference definitions {@code [x]: url}, autolinks {@code <https://...>}, {@code href}/{@code src} of inline
 * HTML, and bare {@code http(s)} URLs in the text. Code is not text: fenced blocks, indented blocks and code
 * spans are skipped, so an example URL in a snippet is never checked. A tolerant line scanner, not a full
 * CommonMark parser: a construct it does not know is read as text, where a bare URL is still found.
 */
final class MarkdownLinks {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d{1,9}[.)])\\s");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    /** {@code ](target "title")}: the target may hold one level of balanced parentheses, as in Wikipedia links. */
    private static final Pattern INLINE = Pattern.compile(
            "\\]\\(\\s*(<[^>\\n]*>|(?:[^\\s()]|\\([^\\s()]*\\))+)(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^)]*\\)))?\\s*\\)");
    private static final Pattern AUTOLINK = Pattern.compile("<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\\s]*)>");
    private static final Pattern HTML_ATTRIBUTE = Pattern.compile(
            "<[a-zA-Z][^>]*?\\s(?:href|src)\\s*=\\s*(\"[^\"]*\"|'[^']*')", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE = Pattern.compile("https?://[^\\s<>\"'`\\[\\]]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING_PUNCTUATION = ".,;:!?*_~'\"";

    private MarkdownLinks() {
    }

    /** Every link of {@code markdown} in document order. */
    static List<Link> extract(String markdown) {
        List<Link> links = new ArrayList<>();
        String[] lines = markdown.split("\\r\\n|\\r|\\n", -1);
        String fence = null;
        boolean previousBlank = true;
        boolean inList = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher fenceMatch = FENCE.matcher(line);
            if (fence != null) {
                if (fenceMatch.find() && fenceMatch.group(1).charAt(0) == fence.charAt(0)
                        && fenceMatch.group(1).length() >= fence.length() && line.strip().equals(fenceMatch.group(1))) {
                    fence = null;
                }
                continue;
            }
            if (fenceMatch.find()) {
                fence = fenceMatch.group(1);
                continue;
            }
            boolean blank = line.isBlank();
            boolean indentedCode = !blank && previousBlank && !inList && indentation(line) >= 4;
            if (LIST_ITEM.matcher(line).find()) {
                inList = true;
            } else if (!blank && indentation(line) == 0) {
                inList = false;
            }
            if (indentedCode) {
                continue; // stays code until a blank line is followed by something less indented
            }
            previousBlank = blank;
            scanLine(line, i + 1, links);
        }
        return links;
    }

    private static void scanLine(String line, int number, List<Link> links) {
        StringBuilder text = new StringBuilder(withoutCodeSpans(line));
        List<int[]> found = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(text);
        if (reference.find()) {
            take(text, reference, found);
        }
        for (Pattern p : List.of(INLINE, AUTOLINK, HTML_ATTRIBUTE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                take(text, m, found);
            }
        }
        Matcher bare = BARE.matcher(text);
        while (bare.find()) {
            int end = trimBareEnd(text, bare.start(), bare.end());
            found.add(new int[] {bare.start(), end});
        }
        found.sort(Comparator.comparingInt(span -> span[0]));
        for (int[] span : found) {
            String target = unwrap(line.substring(span[0], span[1]).strip());
            if (!target.isEmpty()) {
                links.add(new Link(target, number));
            }
        }
    }

    /** Records group 1 of {@code m} and blanks the whole match, so that no later pattern sees it again. */
    private static void take(StringBuilder text, Matcher m, List<int[]> found) {
        found.add(new int[] {m.start(1), m.end(1)});
        for (int i = m.start(); i < m.end(); i++) {
            text.setCharAt(i, ' ');
        }
    }

    private static String unwrap(String target) {
        if (target.length() >= 2 && (target.charAt(0) == '<' && target.endsWith(">")
                || target.charAt(0) == '"' && target.endsWith("\"") || target.charAt(0) == '\'' && target.endsWith("'"))) {
            return target.substring(1, target.length() - 1).strip();
        }
        return target;
    }

    /** A bare URL ends before trailing punctuation and before a ')' it did not open, as GitHub reads them. */
    private static int trimBareEnd(CharSequence text, int start, int end) {
        while (end > start) {
            char c = text.charAt(end - 1);
            if (TRAILING_PUNCTUATION.indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(CharSequence text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** The line with every code span's content blanked (same length, so positions stay true). */
    private static String withoutCodeSpans(String line) {
        StringBuilder out = new StringBuilder(line);
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '`') {
                i++;
                continue;
            }
            int run = runLength(line, i);
            int close = findRun(line, i + run, run);
            if (close < 0) {
                i += run;
                continue;
            }
            for (int j = i; j < close + run; j++) {
                out.setCharAt(j, ' ');
            }
            i = close + run;
        }
        return out.toString();
    }

    private static int runLength(String line, int from) {
        int end = from;
        while (end < line.length() && line.charAt(end) == '`') {
            end++;
        }
        return end - from;
    }

    private static int findRun(String line, int from, int length) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == '`') {
                int run = runLength(line, i);
                if (run == length) {
                    return i;
                }
                i += run - 1;
            }
        }
        return -1;
    }

    private static int indentation(String line) {
        int columns = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                columns += 4 - columns % 4;
            } else {
                break;
            }
        }
        return columns;
    }
}
