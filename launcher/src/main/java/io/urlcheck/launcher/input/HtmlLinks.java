package io.urlcheck.launcher.input;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The links of an HTML document, each with its line: {@code href} of {@code a}, {@code area}, {@code link},
 * and {@code src} of {@code img}, {@code script}, {@code iframe}, {@code frame}, {@code source},
 * {@code track}, {@code video}, {@code audio}, {@code embed}, plus {@code poster} and the first URL of each
 * {@code srcset} candidate. jsoup parses as a browser does (tolerant of broken markup, entities decoded),
 * with positions tracked so that each attribute knows its line. Links inside comments, {@code <code>} and
 * {@code <pre>} text are not attributes, so they are not read.
 */
final class HtmlLinks {

    private static final Set<String> HREF = Set.of("a", "area", "link");
    private static final Set<String> SRC = Set.of("img", "script", "iframe", "frame", "source", "track", "video",
            "audio", "embed", "input");

    private HtmlLinks() {
    }

    /** Every link of {@code html} in document order. */
    static List<Link> extract(String html) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        Document document = Jsoup.parse(html, "", parser);
        List<Link> links = new ArrayList<>();
        for (Element element : document.getAllElements()) {
            String tag = element.normalName();
            if (HREF.contains(tag)) {
                add(element, "href", links);
            }
            if (SRC.contains(tag)) {
                add(element, "src", links);
                add(element, "poster", links);
                srcset(element, links);
            }
        }
        return links;
    }

    private static void add(Element element, String name, List<Link> links) {
        Attribute attribute = element.attribute(name);
        if (attribute == null) {
            return;
        }
        String target = attribute.getValue().strip();
        if (!target.isEmpty()) {
            links.add(new Link(target, line(element, attribute)));
        }
    }

    /** {@code srcset="a.png 1x, b.png 2x"}: each candidate's URL. */
    private static void srcset(Element element, List<Link> links) {
        Attribute attribute = element.attribute("srcset");
        if (attribute == null) {
            return;
        }
        for (String candidate : attribute.getValue().split(",")) {
            String[] parts = candidate.strip().split("\\s+");
            if (!parts[0].isEmpty()) {
                links.add(new Link(parts[0], line(element, attribute)));
            }
        }
    }

    /** The attribute's own line (a tag may span lines), else the tag's. */
    private static int line(Element element, Attribute attribute) {
        int line = attribute.sourceRange().nameRange().start().lineNumber();
        return line > 0 ? line : Math.max(1, element.sourceRange().start().lineNumber());
    }
}
