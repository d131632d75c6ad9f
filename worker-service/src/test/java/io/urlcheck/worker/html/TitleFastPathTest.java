package io.urlcheck.worker.html;

import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scanned title (no DOM) is jsoup's title whenever the scan answers, and the scan answers plain heads. */
class TitleFastPathTest {

    /** About 2 KiB: a plain head and a body. */
    static final String PLAIN_PAGE = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hello &amp; welcome</title>"
            + "</head><body>" + "<p>Some text about the page.</p>\n".repeat(60) + "</body></html>";

    @Test
    void plainHeadIsScannedNotParsed() {
        byte[] page = PLAIN_PAGE.getBytes(StandardCharsets.UTF_8);

        // firstTitle takes the scan's answer whenever there is one, and only parses when the scan declines.
        assertThat(TitleExtractor.extract(page, page.length, "text/html")).contains("Hello & welcome");
        assertThat(TitleExtractor.scannedTitle(PLAIN_PAGE)).contains("Hello & welcome");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>var t = '<title>fake</title>';</script>", "<!-- <title>old</title> -->"})
    void scriptOrCommentBeforeTheTitleIsParsed(String before) {
        String html = PLAIN_PAGE.replace("<title>", before + "<title>");
        byte[] page = html.getBytes(StandardCharsets.UTF_8);

        assertThat(TitleExtractor.scannedTitle(html)).isEmpty();
        assertThat(TitleExtractor.extract(page, page.length, "text/html")).contains("Hello & welcome");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<TITLE>Shout</TITLE>", "<title data-rh=\"true\">React</title>", "<title lang='en' >Spaced</title >",
            "<title\n>Tom &amp; Jerry&nbsp;&#8212;   the\t show</title\n>", "<title>a &lt;/titles&gt; b</title>",
            "<title>a < b &amp 1 &copy2024 &#x1F600; &#0; &foo;</title>", "<title>\r\n  </title>", "<title></title>",
            "<html lang=en><head><base href=/><link rel=stylesheet href=/a.css/><title>Minified</title>"})
    void commonTitlesAreScannedAndAgreeWithJsoup(String html) {
        assertThat(agreesWithJsoup(html)).as("scanned: %s", html).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>var t = '<title>fake</title>';</script>", "<!-- <title>old</title> -->", "<style>p {}</style>",
            "<svg><title>icon</title></svg>", "<math></math>", "<noscript></noscript>", "<template></template>",
            "<textarea></textarea>", "<select></select>", "<table></table>", "<frameset>", "<?php echo 1 ?>",
            "<![CDATA[ x ]]>", "<meta content=\"<title>fake</title>\">", "</title>", "<div<p>"})
    void markupThatCanHideOrMoveATitleLeavesItToJsoup(String before) {
        String html = "<html><head>" + before + "<title>Real</title></head><body>text</body></html>";

        assertThat(TitleExtractor.scannedTitle(html)).isEmpty();
        assertThat(TitleExtractor.firstTitle(html, true)).isEqualTo(TitleExtractor.parsedTitle(html, true));
    }

    @ParameterizedTest
    @MethodSource("trickyPages")
    void scanAgreesWithJsoupOnTrickyPages(String html) {
        agreesWithJsoup(html);
    }

    @Test
    void scanAgreesWithJsoupOnRandomPages() {
        Random random = new Random(20_240_607);
        int scanned = 0;
        int pages = 4000;
        for (int i = 0; i < pages; i++) {
            if (agreesWithJsoup(randomPage(random))) {
                scanned++;
            }
        }

        // Both paths were exercised: the corpus is neither all plain nor all odd.
        assertThat(scanned).isBetween(pages / 10, pages * 9 / 10);
    }

    @Test
    void titleFromBytesIsTheWholePagesTitleOnRandomPages() {
        Random random = new Random(20_261_123);
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("windows-1252"))) {
            for (int i = 0; i < 3000; i++) {
                byte[] page = randomPage(random).getBytes(charset);
                String decoded = new String(page, charset);

                assertThat(TitleExtractor.extract(page, page.length, "text/html; charset=" + charset.name()))
                        .as("%s: %s", charset, decoded).isEqualTo(TitleExtractor.firstTitle(decoded, true));
            }
        }
    }

    @Test
    void scanAgreesWithJsoupAcrossJsoupsReadBufferEdge() {
        // Jsoup reads 2 KiB at a time: put the title and its character references on either side of that edge.
        String title = "a &amp; b &amp c &copy2024 &#x1F600; &notin; &notit; d".repeat(3);
        for (int pad = 1900; pad < 2100; pad += 3) {
            String html = "<html><head><meta name=x content=\"" + "p".repeat(pad) + "\"><title>" + title + "</title></head>";

            assertThat(agreesWithJsoup(html)).isTrue();
        }
    }

    @Test
    void commonReferencesAreDecodedWithoutJsoupsDecoder() {
        String text = "Tom &amp; Jerry&#39;s &mdash; &raquo;&nbsp;&#x1F600; &#X2014; &frac12; &NotEqualTilde; &#0039;";

        assertThat(CharacterReferences.decodeWellFormed(text)).contains(Parser.unescapeEntities(text, false));
        assertThat(CharacterReferences.decodeWellFormed("AT&T &amp")).isEmpty();
    }

    @Test
    void referencesDecodeAsJsoupDecodesThem() {
        Random random = new Random(7);
        int wellFormed = 0;
        int texts = 20_000;
        for (int i = 0; i < texts; i++) {
            StringBuilder text = new StringBuilder();
            for (int parts = random.nextInt(6); parts >= 0; parts--) {
                text.append(pick(random, REFERENCE_PARTS));
            }
            String raw = text.toString();

            assertThat(CharacterReferences.decode(raw)).as(raw).isEqualTo(Parser.unescapeEntities(raw, false));
            if (CharacterReferences.decodeWellFormed(raw).isPresent()) {
                wellFormed++;
            }
        }

        assertThat(wellFormed).isBetween(texts / 10, texts * 9 / 10);
    }

    static Stream<String> trickyPages() {
        return Stream.of(
                "<title>\n  Tom &amp; Jerry&nbsp;&#8212;   the\t show </title>",
                "<title>\u00a0 padded with no-break spaces \u00a0</title>",
                "<title>\u000b vertical tab \u0001 control \u000b</title>",
                "<title>zero\u200bwidth and soft\u00adhyphen</title>",
                "<title>tabs\tand\r\nCRLF\rand\fform feed</title>",
                "<title>&amp</title>", "<title>&amp;amp;</title>", "<title>&AMP;&Amp;</title>", "<title>&</title>",
                "<title>& amp;</title>", "<title>&;</title>", "<title>&#;</title>", "<title>&#x;</title>",
                "<title>&#0;</title>", "<title>&#x0;x</title>", "<title>&#xD800;</title>", "<title>&#x110000;</title>",
                "<title>&#99999999999;</title>", "<title>&#128;&#150;&#159;</title>", "<title>&#x1F600</title>",
                "<title>&lt&gt&quot</title>", "<title>&ltx &notit; &not &notin; &foo; &copy2024</title>",
                "<title>&NotEqualTilde; &nGt; &acE;</title>", "<title>\u0000nul</title>", "<title>a &#32; &#9; b</title>",
                "<title>a < b <3 <- </ x </> <!-- y --> z</title>", "<title>a <b> c</title>", "<title>a <b> c</TITLE>",
                "<title>a </tıtle> b</title>", "<title>a </tİtle> b</title>", "<title>a </titlex> </title1> b</title>",
                "<title>a </ab</title> b</title>", "<title>x</title</title>",
                "<title/>Hello</title>", "<title />Hello</title>", "<title/>", "<title a=b/>x</title>", "<title a=\"b\"/>x</title>",
                "<title a='x>y'>quoted gt</title>", "<title a=\"<\">lt in quote</title>", "<title\u000b>vt</title>",
                "<titlé>x</titlé><title>y</title>", "<tıtle>x</tıtle><title>y</title>", "<titles>x</titles><title>y</title>",
                "<title>Shout</TITLE foo=\"bar\">", "<title>x</title foo=\"a>b\">", "<title>x</title/>", "<title>x</title",
                "<title>never closed", "<title>x</title ", "</title><title>y</title>", "<p></title><title>y</title>",
                "<svg><title>icon</title></svg><title>Real</title>", "<math><title>m</title></math><title>Real</title>",
                "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"x>y\"><title>doctype</title>",
                "<!doctype html><!doctype html><title>twice</title>", "<!DOCTYPE><title>empty doctype</title>",
                "<html/><head/><body/><title>self closed</title>", "</head></body></html><title>after the end</title>",
                "<body><p>text<title>in body</title>", "<frame><title>after frame</title>", "<td><tr><title>cells</title>",
                "<caption><colgroup><title>table parts</title>", "<option><optgroup><title>options</title>",
                "<image><isindex><title>old tags</title>", "<a><b><a><title>formatting</title>",
                "<object><applet><title>applets</title>", "<pre><listing><title>pre</title>", "<o:p><x-y><title>names</title>",
                "<a \"b\"=c><title>quote in name</title>", "<a =b><title>equals first</title>", "<a b=\"c\"d><title>x</title>",
                "<a b=`c`><title>backtick</title>", "<a b= ><title>empty value</title>", "<a b/ c><title>x</title>",
                "<div<title>x</title>", "<p\u0000><title>nul tag</title>", "\u0000<title>nul text</title>",
                "<title>" + "x".repeat(5000) + "</title>", "<title>" + "x".repeat(511) + "\ud83d\ude00y</title>",
                "<title>" + "x".repeat(510) + "\ud83d\ude00y</title>", "<title>" + "x".repeat(511) + "\ud83d\ude00</title>",
                "<title>" + "&amp;".repeat(600) + "</title>", "<title>" + " ".repeat(600) + "x</title>",
                PLAIN_PAGE);
    }

    /** Pieces of character references, whole and broken, assembled at random. */
    private static final List<String> REFERENCE_PARTS = List.of("&", "&", "&", "#", "#x", "#X", ";", ";", "amp", "AMP", "Amp",
            "lt", "gt", "quot", "apos", "nbsp", "mdash", "raquo", "copy", "not", "notin", "notit", "frac12", "sup2", "NotEqualTilde",
            "acE", "fjlig", "ThickSpace", "foo", "0", "00", "39", "128", "150", "159", "160", "1F600", "D800", "10FFFF", "110000",
            "1114111", "1114112", "99999999999", "FFFFFFFF", "x", "a", "Z", "9", " ", "\n", "<", "=", "\u0661", "\uff11", "\u00e9",
            "\ud83d\ude00", "\u0000", "&amp;", "&#39;", "&#x27;", "&mdash;");

    /** Plain markup before a title: tags whose reading does not depend on error recovery, and text. */
    private static final List<String> PLAIN_MARKUP = List.of("<!DOCTYPE html>", "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
            "<html>", "<HTML lang=en>", "<head>", "<head/>", "<html/>", "<body>", "<body/>", "</head>", "</body>", "</html>",
            "<meta charset=\"utf-8\">", "<meta name='x' content='a > b'>", "<meta content=a/b>", "<meta a b=c d = 'e'>",
            "<link rel=stylesheet href=/a.css/>", "<base href=\"/\">", "<p>", "</p>", "<div class=\"x\">", "</div>", "<br/>",
            "<a href=\"x\">", "<b>", "</b>", "<image>", "<frame>", "<td>", "<tr>", "<caption>", "<option>", "<button>",
            "<form>", "<input>", "<pre>", "<custom-el>", "<o:p>", "</titles>", "<titles>", "<titlex>", "text", " ",
            "\n", "\r\n", "\t", "&amp;", "&nbsp;", "a < b", "<3", "< title>", "&lt;title&gt;");

    /** Markup that may hide, move or drop a title, or that the scan leaves to jsoup anyway. */
    private static final List<String> OTHER_MARKUP = List.of("<!-- c -->", "<!-- <title>C</title> -->", "<!---->", "<!-->",
            "<!--", "<script>var t = '<title>S</title>';</script>", "<script>", "<style>p{}</style>", "<style>",
            "<noscript><title>N</title></noscript>", "<noscript>", "<svg>", "<svg><title>S</title></svg>", "</svg>", "<math>",
            "<template>", "</template>", "<textarea>", "<xmp>", "<iframe>", "<noembed>", "<noframes>", "<plaintext>",
            "<select>", "</select>", "<table>", "<frameset>", "<?xml version=\"1.0\"?>", "<![CDATA[ <title>X</title> ]]>",
            "<!ELEMENT x>", "</>", "</ x>", "</title>", "<tıtle>", "</tıtle>", "<div<title>", "<a \"b\"=c>", "<a =b>",
            "<a b=\"c\"d>", "<a b=`c`>", "\u0000", "<p\u0000>", "<meta content=\"<title>M</title>\">", "<a b/ c>", "<");

    private static final List<String> TITLE_START = List.of("<title>", "<title>", "<title>", "<TITLE>", "<Title>", "<title >",
            "<title\n>", "<title/>", "<title />", "<title data-rh=\"true\">", "<title a='x>y'>", "<title a=b/>",
            "<title a=\"<\">", "<title\t lang=en>", "<title\u000b>", "<titlé>", "<title a=\"b\"/>");

    private static final List<String> TITLE_TEXT = List.of("Hello", "&#39;", "&#x27;", "&mdash;", "&raquo;", "&frac12;",
            "&NotEqualTilde;", "&acE;", "&#1114111;", "&#0039;", "&#x2014", "&Amp;", "&amp1;", "&ampx;", "", " ", "\n\t ", "\r\n",
            "Tom &amp; Jerry", "&amp", "&copy2024", "&#x1F600;", "&#128512;", "&#0;", "&#xD800;", "&#x110000;", "&foo;", "&notit;", "&not", "&",
            "&AMP;", "&nbsp;", "\u00a0", " x ", "\f", "\u000b", "\u0001", "\u200b", "\u00ad", "a < b", "<b>", "</b>",
            "</titles>", "</tıtle>", "</ title>", "<!-- x -->", "&lt;b&gt;", "\ud83d\ude00", "x".repeat(300), "\u0000",
            "&#150;", "&lt", "<", "&");

    private static final List<String> TITLE_END = List.of("</title>", "</title>", "</title>", "</TITLE>", "</title >",
            "</title\n>", "</title/>", "</title foo=\"bar\">", "</title foo=\"a>b\">", "</title", "");

    private static final List<String> AFTER = List.of("", "</head><body>text</body></html>", "<title>Second</title>",
            "<svg><title>s</title></svg>", "<script>", "<!--", "</title>", "<body><p>" + "word ".repeat(500) + "</p>");

    private static String randomPage(Random random) {
        StringBuilder page = new StringBuilder();
        for (int i = random.nextInt(7); i > 0; i--) {
            page.append(pick(random, random.nextInt(8) == 0 ? OTHER_MARKUP : PLAIN_MARKUP));
        }
        if (random.nextInt(10) > 0) {
            page.append(pick(random, TITLE_START));
            for (int i = random.nextInt(5); i > 0; i--) {
                page.append(pick(random, TITLE_TEXT));
            }
            page.append(pick(random, TITLE_END));
        }
        return page.append(pick(random, AFTER)).toString();
    }

    private static String pick(Random random, List<String> fragments) {
        return fragments.get(random.nextInt(fragments.size()));
    }

    /**
     * Asserts that, if the scan answers for {@code html}, jsoup's answer is the same, both for a whole page
     * and for a cut head; returns whether the scan answered.
     */
    private static boolean agreesWithJsoup(String html) {
        Optional<String> scanned = TitleExtractor.scannedTitle(html);
        if (scanned.isEmpty()) {
            return false;
        }
        Optional<String> title = scanned.filter(t -> !t.isEmpty());
        assertThat(TitleExtractor.parsedTitle(html, true)).as("whole page %s", html).isEqualTo(title);
        assertThat(TitleExtractor.parsedTitle(html, false)).as("cut head %s", html).isEqualTo(title);
        assertThat(TitleExtractor.firstTitle(html, true)).as("first title %s", html).isEqualTo(title);
        return true;
    }
}
