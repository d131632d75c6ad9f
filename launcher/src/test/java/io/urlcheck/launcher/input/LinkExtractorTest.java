package io.urlcheck.launcher.input;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkExtractorTest {

    private static List<Link> markdown(String text) {
        return LinkExtractor.extract(Path.of("doc.md"), text);
    }

    private static List<Link> html(String text) {
        return LinkExtractor.extract(Path.of("page.html"), text);
    }

    @Test
    void markdownLinksOfEveryKindAreFoundWithTheirLines() {
        String doc = """
                # Title

                See [the docs](https://example.com/docs "Docs") and ![logo](img/logo.png).
                An autolink <https://example.com/auto> and a bare https://example.com/bare, in text.
                [ref]: https://example.com/ref
                <a href="https://example.com/html">inline HTML</a>
                A wiki link [w](https://en.wikipedia.org/wiki/Foo_(bar)) keeps its parentheses.
                (A bare URL in parentheses https://example.com/paren)
                """;

        assertThat(markdown(doc)).containsExactly(
                new Link("https://example.com/docs", 3),
                new Link("img/logo.png", 3),
                new Link("https://example.com/auto", 4),
                new Link("https://example.com/bare", 4),
                new Link("https://example.com/ref", 5),
                new Link("https://example.com/html", 6),
                new Link("https://en.wikipedia.org/wiki/Foo_(bar)", 7),
                new Link("https://example.com/paren", 8));
    }

    @Test
    void markdownCodeIsNotText() {
        String doc = """
                Before `https://example.com/span` after [x](https://example.com/real).

                ```bash
                curl https://example.com/fenced
                ```
                ~~~~
                [y](https://example.com/tilde)
                ~~~~

                    https://example.com/indented

                - item
                    continued https://example.com/list-continuation
                Last https://example.com/last
                """;

        assertThat(markdown(doc)).containsExactly(
                new Link("https://example.com/real", 1),
                new Link("https://example.com/list-continuation", 13),
                new Link("https://example.com/last", 14));
    }

    @Test
    void markdownLineEndingsOfAnyKindCountLines() {
        assertThat(markdown("a\r\nb\rhttps://example.com/x\n")).containsExactly(new Link("https://example.com/x", 3));
    }

    @Test
    void htmlHrefAndSrcAreFoundWithTheirLinesAndEntitiesDecoded() {
        String page = """
                <!doctype html>
                <html><head>
                <link rel="stylesheet" href="/css/site.css">
                <script src="https://cdn.example.com/app.js"></script>
                </head><body>
                <a href="https://example.com/a?x=1&amp;y=2">a</a>
                <img
                   alt="multi-line tag"
                   src="img/b.png" srcset="img/b-2x.png 2x, img/b-3x.png 3x">
                <!-- <a href="https://example.com/commented">no</a> -->
                <pre>https://example.com/pre</pre>
                <iframe src='https://example.com/frame'></iframe>
                <a name="no-href">anchor</a>
                </body></html>
                """;

        assertThat(html(page)).containsExactly(
                new Link("/css/site.css", 3),
                new Link("https://cdn.example.com/app.js", 4),
                new Link("https://example.com/a?x=1&y=2", 6),
                new Link("img/b.png", 9),
                new Link("img/b-2x.png", 9),
                new Link("img/b-3x.png", 9),
                new Link("https://example.com/frame", 12));
    }

    @Test
    void brokenHtmlStillYieldsItsLinks() {
        assertThat(html("<p><a href=https://example.com/unquoted>x<div><a href=\"https://example.com/b\">"))
                .extracting(Link::target)
                .containsExactly("https://example.com/unquoted", "https://example.com/b");
    }
}
