package io.urlcheck.worker.html;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TitleExtractorTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void gbkTitleFromMetaCharset() {
        byte[] page = "<html><head><meta charset=\"gbk\"><title>中文标题</title></head></html>".getBytes(GBK);

        assertThat(title(page, "text/html")).isEqualTo("中文标题");
    }

    @Test
    void gbkTitleFromHttpEquivWithGb2312Label() {
        byte[] page = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                + "<title>新闻 首页</title></head></html>").getBytes(GBK);

        assertThat(title(page, "text/html")).isEqualTo("新闻 首页");
    }

    @Test
    void headerCharsetWinsOverMeta() {
        byte[] page = "<html><head><meta charset=\"utf-8\"><title>网页</title></head></html>".getBytes(GBK);

        assertThat(title(page, "text/html; charset=GBK")).isEqualTo("网页");
    }

    @Test
    void bomDecidesWhenHeaderAndMetaSayNothing() {
        byte[] page = withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<title>Grüße</title>".getBytes(StandardCharsets.UTF_16LE));

        assertThat(title(page, "text/html")).isEqualTo("Grüße");
    }

    @Test
    void byteOrderMarkOutranksTheHeaderAndTheMeta() {
        byte[] page = withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "<meta charset=\"windows-1252\"><title>Grüße</title>".getBytes(StandardCharsets.UTF_8));

        assertThat(title(page, "text/html; charset=iso-8859-1")).isEqualTo("Grüße");
    }

    @Test
    void entitiesAreDecodedAndWhitespaceCollapsed() {
        byte[] page = "<title>\n  Tom &amp; Jerry&nbsp;&#8212;   the\t show </title>".getBytes(StandardCharsets.UTF_8);

        assertThat(title(page, "text/html")).isEqualTo("Tom & Jerry\u00a0\u2014 the show");
    }

    @Test
    void svgTitleIsNotTheDocumentTitle() {
        byte[] onlySvg = "<html><body><svg><title>icon</title></svg></body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] both = "<html><body><svg><title>icon</title></svg><title>Real</title></body></html>".getBytes(StandardCharsets.UTF_8);

        assertThat(TitleExtractor.extract(onlySvg, onlySvg.length, "text/html")).isEmpty();
        assertThat(title(both, "text/html")).isEqualTo("Real");
    }

    @Test
    void longTitleIsCutToTheBound() {
        String longTitle = "x".repeat(5000);
        byte[] page = ("<title>" + longTitle + "</title>").getBytes(StandardCharsets.UTF_8);

        String title = title(page, "text/html");

        assertThat(title).hasSize(TitleExtractor.MAX_TITLE_CHARS).endsWith("\u2026");
    }

    @Test
    void titleAfterAHeadLargerThanTheFirstSliceIsFound() {
        String head = "<html><head>" + "<meta name=\"x\" content=\"" + "y".repeat(40_000) + "\">";
        byte[] page = (head + "<title>Late &amp; found</title></head><body>" + "z".repeat(100_000) + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(title(page, "text/html")).isEqualTo("Late & found");
    }

    @Test
    void titleWithoutEndTagRunsToTheEndOfThePage() {
        byte[] page = ("<html><head><title>Never closed " + "w ".repeat(10_000)).getBytes(StandardCharsets.UTF_8);

        assertThat(title(page, "text/html")).startsWith("Never closed w w").hasSize(TitleExtractor.MAX_TITLE_CHARS);
    }

    @Test
    void pageWithoutTitleHasNone() {
        byte[] page = ("<html><head></head><body>" + "<p>text</p>".repeat(50_000) + "</body></html>").getBytes(StandardCharsets.UTF_8);

        assertThat(TitleExtractor.extract(page, page.length, "text/html")).isEmpty();
    }

    @Test
    void endTagWithAttributesAndOtherCaseClosesTheTitle() {
        byte[] page = "<HTML><TITLE>Shout</TITLE foo=\"bar\"><body>after</body>".getBytes(StandardCharsets.UTF_8);

        assertThat(title(page, "text/html")).isEqualTo("Shout");
    }

    @Test
    void textThatOnlyLooksLikeAnEndTagStaysInTheTitle() {
        byte[] page = "<title>a </titles> b</title><p>rest</p>".getBytes(StandardCharsets.UTF_8);

        assertThat(title(page, "text/html")).isEqualTo("a </titles> b");
    }

    @Test
    void titleInsideAScriptOrCommentIsSkipped() {
        byte[] page = ("<html><head><script>var t = '<title>fake</title>';</script><!-- <title>old</title> -->"
                + "<title>Real</title></head></html>").getBytes(StandardCharsets.UTF_8);

        assertThat(title(page, "text/html")).isEqualTo("Real");
    }

    @Test
    void manySvgTitlesBeforeTheDocumentTitleFallBackToTheWholePage() {
        byte[] page = ("<html><body>" + "<svg><title>icon</title></svg>".repeat(20) + "<title>After icons</title></body></html>")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(title(page, "text/html")).isEqualTo("After icons");
    }

    @Test
    void utf16TitlePastTheFirstSliceIsFound() {
        byte[] text = ("<html><head><!--" + "p".repeat(20_000) + "--><title>Wörter</title></head></html>")
                .getBytes(StandardCharsets.UTF_16LE);
        byte[] page = new byte[text.length + 2];
        page[0] = (byte) 0xFF;
        page[1] = (byte) 0xFE;
        System.arraycopy(text, 0, page, 2, text.length);

        assertThat(title(page, "text/html")).isEqualTo("Wörter");
    }

    @Test
    void onlyHtmlContentTypesAreParsed() {
        assertThat(TitleExtractor.isHtml("text/html; charset=utf-8")).isTrue();
        assertThat(TitleExtractor.isHtml("application/xhtml+xml")).isTrue();
        assertThat(TitleExtractor.isHtml("application/json")).isFalse();
        assertThat(TitleExtractor.isHtml("image/png")).isFalse();
        assertThat(TitleExtractor.isHtml(null)).isFalse();
    }

    private static String title(byte[] page, String contentType) {
        return TitleExtractor.extract(page, page.length, contentType).orElse(null);
    }

    private static byte[] withBom(byte[] bom, byte[] text) {
        byte[] page = Arrays.copyOf(bom, bom.length + text.length);
        System.arraycopy(text, 0, page, bom.length, text.length);
        return page;
    }
}
