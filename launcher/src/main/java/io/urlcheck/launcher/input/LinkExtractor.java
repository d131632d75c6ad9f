package io.urlcheck.launcher.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Finds the links of a document by its kind: Markdown ({@code .md}) or HTML ({@code .html}, {@code .htm}). */
public final class LinkExtractor {

    private LinkExtractor() {
    }

    /** True for a file whose links are checked rather than read as a URL list. */
    public static boolean isDocument(Path file) {
        return isMarkdown(file) || isHtml(file);
    }

    /** Every link of {@code document} in document order, with its line; bytes that are not UTF-8 read as U+FFFD. */
    public static List<Link> extract(Path document) throws IOException {
        String text = new String(Files.readAllBytes(document), StandardCharsets.UTF_8);
        return extract(document, text);
    }

    /** Every link of {@code text}, read as the kind of document {@code name} says. */
    static List<Link> extract(Path name, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return isMarkdown(name) ? MarkdownLinks.extract(text) : HtmlLinks.extract(text);
    }

    private static boolean isMarkdown(Path file) {
        return extension(file).equals("md");
    }

    private static boolean isHtml(Path file) {
        String ext = extension(file);
        return ext.equals("html") || ext.equals("htm");
    }

    private static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
