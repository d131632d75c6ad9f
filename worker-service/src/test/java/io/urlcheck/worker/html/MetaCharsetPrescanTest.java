package io.urlcheck.worker.html;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The byte prescan against the jsoup parse it replaced: the same charset wherever jsoup read the markup as a
 * browser's prescan does, and the standard's answer, listed in {@link #specDifferences}, where it did not.
 */
class MetaCharsetPrescanTest {

    private static final int WINDOW = CharsetSniffer.PRESCAN_BYTES;

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameAsJsoup")
    void declaredCharsetIsTheOneJsoupFound(String why, String head, String charset) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(name(CharsetSniffer.fromPrescan(bytes, bytes.length))).as("prescan").isEqualTo(charset);
        assertThat(name(jsoupMeta(bytes, bytes.length))).as("jsoup").isEqualTo(charset);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specDifferences")
    void prescanFollowsTheStandardWhereJsoupDiffered(String why, String head, String spec, String jsoup) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(name(CharsetSniffer.fromPrescan(bytes, bytes.length))).as("prescan").isEqualTo(spec);
        assertThat(name(jsoupMeta(bytes, bytes.length))).as("jsoup").isEqualTo(jsoup);
    }

    @Test
    void prescanAgreesWithJsoupOnRandomHeads() {
        Random random = new Random(20_240_611);
        int declared = 0;
        int heads = 4000;
        for (int i = 0; i < heads; i++) {
            byte[] head = randomHead(random, List.of()).getBytes(StandardCharsets.ISO_8859_1);
            Optional<Charset> prescanned = CharsetSniffer.fromPrescan(head, head.length);

            assertThat(name(prescanned)).as(new String(head, StandardCharsets.ISO_8859_1))
                    .isEqualTo(name(jsoupMeta(head, head.length)));
            if (prescanned.isPresent()) {
                declared++;
            }
        }

        // Both answers were exercised: heads that declare a charset and heads that do not.
        assertThat(declared).isBetween(heads / 10, heads * 9 / 10);
    }

    @Test
    void randomHeadsDifferFromJsoupOnlyThroughTheListedDifferences() {
        Random random = new Random(611);
        int differing = 0;
        for (int i = 0; i < 4000; i++) {
            String head = randomHead(random, DIFFERING);
            byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
            if (!Objects.equals(name(CharsetSniffer.fromPrescan(bytes, bytes.length)), name(jsoupMeta(bytes, bytes.length)))) {
                differing++;
                assertThat(DIFFERING).as(head).anyMatch(head::contains);
            }
        }

        assertThat(differing).isPositive();
    }

    @Test
    void utf16LabelInAMetaDecodesTheTitleAsUtf8() {
        byte[] page = "<meta charset=\"utf-16le\"><title>Grüße</title>".getBytes(StandardCharsets.UTF_8);

        assertThat(TitleExtractor.extract(page, page.length, "text/html")).contains("Grüße");
    }

    @Test
    void xmlDeclarationDecidesWhenNoMetaDoes() {
        byte[] page = "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html><title>Łódź</title></html>"
                .getBytes(Charset.forName("ISO-8859-2"));

        assertThat(TitleExtractor.extract(page, page.length, "text/html")).contains("Łódź");
    }

    static Stream<Arguments> sameAsJsoup() {
        String pad = "<p>" + "x".repeat(WINDOW) + "</p>";
        return Stream.of(
                arguments("double-quoted charset", "<meta charset=\"gbk\">", "GBK"),
                arguments("single-quoted charset", "<meta charset='gbk'>", "GBK"),
                arguments("unquoted charset", "<meta charset=gbk>", "GBK"),
                arguments("upper-case meta", "<META CHARSET=\"GBK\">", "GBK"),
                arguments("self-closed meta", "<meta charset=\"utf-8\"/>", "UTF-8"),
                arguments("unquoted then slash", "<meta charset=utf-8 />", "UTF-8"),
                arguments("slash after the name", "<meta/charset=gbk>", "GBK"),
                arguments("spaces around '='", "<meta\n\tcharset = \"gbk\" >", "GBK"),
                arguments("spaces inside the label", "<meta charset=\"  gbk  \">", "GBK"),
                arguments("gb2312 reads as GBK", "<meta charset=gb2312>", "GBK"),
                arguments("iso-8859-1 reads as windows-1252", "<meta charset=ISO-8859-1>", "windows-1252"),
                arguments("charset after other attributes", "<meta name=\"viewport\" content=\"width=device-width\" charset=\"windows-1251\">",
                        "windows-1251"),
                arguments("http-equiv then content", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", "GBK"),
                arguments("content then http-equiv", "<meta content=\"text/html; charset=gbk\" http-equiv=\"Content-Type\">", "GBK"),
                arguments("no space before charset", "<meta http-equiv=content-type content=\"text/html;charset=GB2312\">", "GBK"),
                arguments("upper-case pragma", "<META HTTP-EQUIV=\"CONTENT-TYPE\" CONTENT=\"TEXT/HTML; CHARSET=SHIFT_JIS\">", "Shift_JIS"),
                arguments("quoted label in content", "<meta http-equiv=\"Content-Type\" content='text/html; charset=\"euc-jp\"'>", "EUC-JP"),
                arguments("parameter after the charset", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr; x=y\">", "EUC-KR"),
                arguments("charset attribute beats content", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\" charset=big5>", "Big5"),
                arguments("content without http-equiv", "<meta content=\"text/html; charset=gbk\">", null),
                arguments("content of another pragma", "<meta http-equiv=\"refresh\" content=\"0; charset=gbk\">", null),
                arguments("charset text in a description", "<meta name=\"description\" content=\"about charset=gbk\">", null),
                arguments("repeated attribute counts once", "<meta charset=\"gbk\" charset=\"utf-8\">", "GBK"),
                arguments("unknown label, then a known one", "<meta charset=\"bogus\"><meta charset=\"gbk\">", "GBK"),
                arguments("empty label", "<meta charset=\"\">", null),
                arguments("meta inside a comment", "<!-- <meta charset=\"gbk\"> --><meta charset=\"utf-8\">", "UTF-8"),
                arguments("only a meta inside a comment", "<!-- <meta charset=\"gbk\"> -->", null),
                arguments("empty comment <!-->", "<!--><meta charset=\"gbk\">", "GBK"),
                arguments("empty comment <!--->", "<!---><meta charset=\"gbk\">", "GBK"),
                arguments("'->' and '-- >' do not end a comment", "<!-- a -> b -- > <meta charset=\"gbk\"> -->", null),
                arguments("'=' cannot start an attribute's value", "<meta =charset=gbk>", null),
                arguments("unclosed comment", "<!-- <meta charset=\"gbk\">", null),
                arguments("meta inside an attribute value", "<div title=\"<meta charset=gbk>\"><meta charset=\"utf-8\">", "UTF-8"),
                arguments("meta inside a single-quoted value", "<p data-x='<meta charset=gbk>'>", null),
                arguments("'<' in an unquoted value", "<a href=x<meta charset=gbk>", null),
                arguments("processing instruction ends at its first '>'", "<?php echo '<meta charset=gbk>' ?><meta charset=big5>", "Big5"),
                arguments("end tag with attributes", "</p charset=gbk><meta charset=big5>", "Big5"),
                arguments("CDATA in HTML ends at its first '>'", "<![CDATA[<meta charset=gbk>]]><meta charset=utf-8>", "UTF-8"),
                arguments("doctype", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">", "UTF-8"),
                arguments("meta in the body", "<body><p>text</p><meta charset=\"gbk\">", "GBK"),
                arguments("after a UTF-8 BOM", "\u00ef\u00bb\u00bf<meta charset=\"gbk\">", "GBK"),
                arguments("other tags named meta-something", "<meta-x charset=gbk><metax charset=gbk>", null),
                arguments("a meta beats an XML declaration", "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><meta charset=gbk>", "GBK"),
                arguments("no meta", "<html><head><title>x</title></head><body>", null),
                arguments("unclosed meta at the end", "<meta charset=\"gbk\"", null),
                arguments("meta past the window", pad + "<meta charset=\"gbk\">", null),
                arguments("meta cut by the window", "x".repeat(WINDOW - 10) + "<meta charset=\"gbk\">", null),
                arguments("meta ending at the window", "x".repeat(WINDOW - 20) + "<meta charset=\"gbk\">", "GBK"));
    }

    /** Where the standard's prescan (what browsers do) and the old jsoup parse answer differently, and why. */
    static Stream<Arguments> specDifferences() {
        return Stream.of(
                // The prescan knows no raw text: a browser's prescan takes a meta written by a script too.
                arguments("meta text inside a script counts", "<script>var m = '<meta charset=\"gbk\">';</script><meta charset=\"utf-8\">",
                        "GBK", "UTF-8"),
                arguments("meta text inside a title counts", "<title>see <meta charset=gbk></title>", "GBK", null),
                arguments("'<!--' inside a script opens a comment", "<script><!--</script><meta charset=\"gbk\">", null, "GBK"),
                // Jsoup ignores a meta where the tree builder drops start tags; the prescan reads bytes, not a tree.
                arguments("meta inside a select counts", "<select><meta charset=gbk></select>", "GBK", null),
                // A comment ends only at "-->" for the prescan; the tokenizer also ends it at "--!>".
                arguments("comment runs past '--!>'", "<!-- a --!><meta charset=\"gbk\"> -->", null, "GBK"),
                // After a tag name the prescan skips to a space or '>': it does not read "/attr" as an attribute.
                arguments("'/' straight after a tag name", "<br/x=\"a><meta charset=gbk>\">", "GBK", null),
                // A meta read from ASCII bytes cannot be UTF-16: the standard reads it as UTF-8.
                arguments("utf-16le label reads as UTF-8", "<meta charset=\"utf-16le\">", "UTF-8", "UTF-16LE"),
                arguments("utf-16 in content reads as UTF-8", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-16\">",
                        "UTF-8", "UTF-16"),
                // x-user-defined is windows-1252 in a page; Java has no x-user-defined, so jsoup's path found nothing.
                arguments("x-user-defined reads as windows-1252", "<meta charset=\"x-user-defined\">", "windows-1252", null),
                // A charset attribute decides its meta, even with a label that names nothing: the content is not tried.
                arguments("unknown charset attribute voids its content", "<meta charset=\"bogus\" http-equiv=\"Content-Type\" "
                        + "content=\"text/html; charset=gbk\">", null, "GBK"),
                // The standard's content rule: "charset" anywhere, spaces around '=', a label quoted only when closed.
                arguments("spaces around '=' in content", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset = gbk\">",
                        "GBK", null),
                arguments("first 'charset' in content, inside a word too", "<meta http-equiv=\"Content-Type\" "
                        + "content=\"text/html; xcharset=big5; charset=gbk\">", "Big5", "GBK"),
                arguments("unclosed quote in content", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset='gbk\">", null, "GBK"),
                arguments("http-equiv is compared exactly", "<meta http-equiv=\" Content-Type \" content=\"text/html; charset=gbk\">",
                        null, "GBK"),
                // The prescan reads bytes: a character reference is not decoded.
                arguments("character reference in a label", "<meta charset=\"&#103;bk\">", null, "GBK"),
                // With no meta, the standard reads an XML declaration at the first byte.
                arguments("XML declaration", "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html>", "ISO-8859-2", null),
                arguments("XML declaration with utf-16 reads as UTF-8", "<?xml version=\"1.0\" encoding='utf-16'?>", "UTF-8", null),
                arguments("'<?x' in UTF-16LE without a BOM", "<\0?\0x\0m\0l\0 \0", "UTF-16LE", null),
                arguments("'<?x' in UTF-16BE without a BOM", "\0<\0?\0x\0m\0l", "UTF-16BE", null));
    }

    /** Fragments after which the old jsoup detection and the standard's prescan may answer differently. */
    private static final List<String> DIFFERING = List.of("<script>var m = '<meta charset=\"big5\">';</script>",
            "<script><!--</script>", "<style>/* <meta charset=big5> */</style>", "<title><meta charset=big5></title>",
            "<textarea><meta charset=big5></textarea>", "<select>", "<!-- x --!>", "<br/x=\"a><meta charset=big5>\">",
            "<meta charset=\"utf-16le\">", "<meta charset=x-user-defined>", "<meta charset=bogus http-equiv=Content-Type content=\"charset=big5\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset = big5\">", "<meta http-equiv=\" content-type \" content=\"charset=big5\">",
            "<meta charset=\"&#103;bk\">", "<?xml version=\"1.0\" encoding=\"iso-8859-2\"?>");

    /** Markup that jsoup reads as the prescan does. */
    private static final List<String> PLAIN = List.of("<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "</head>", "<body>", "</body>",
            "<p>", "</p>", "text", " ", "\n", "a < b", "<3", "&amp;", "<br/>", "<br />", "<img src=\"a.png\" alt='x > y'>", "<div class=\"c\" data-x=a>",
            "</div >", "<link rel=stylesheet href=/a.css>", "<a href='x'>", "</a>", "<a href=x<b>", "<p title=\"", "\"", "'", "=",
            "<meta name=\"viewport\" content=\"width=device-width\">", "<meta property=\"og:title\" content=\"charset=gbk\">",
            "<meta http-equiv=\"refresh\" content=\"5; url=/\">", "<!-- note -->", "<!-- <meta charset=\"big5\"> -->", "<!-->", "<!--",
            "-->", "->", "-- >", "<?php echo '<meta charset=big5>' ?>", "</ x>", "</>", "<![CDATA[ y ]]>", "<!ELEMENT x>", "\u00e9\u00ff", "\0",
            "<", ">", "<meta", "<meta ", "<meta/", "<p " + "x".repeat(800) + ">", "<p>" + "lorem ipsum ".repeat(150) + "</p>");

    /** Metas that declare a charset, or try to, read alike by jsoup and the prescan. */
    private static final List<String> METAS = List.of("<meta charset=\"gbk\">", "<meta charset=utf-8>", "<META CHARSET='Shift_JIS'>",
            "<meta charset=\"utf-8\" />", "<meta/charset=euc-kr>", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-jp\">",
            "<meta content='text/html;charset=big5' http-equiv=content-type>", "<meta charset=\"bogus\">", "<meta charset=\"\">",
            "<meta name=x charset=windows-1251>", "<meta content=\"text/html; charset=gbk\">", "<meta charset=gbk charset=big5>",
            "<meta http-equiv=content-type content=\"text/html; charset=gb2312\" charset=iso-8859-2>");

    /** A head of plain markup, metas and, from {@code differing}, markup the two may read differently. */
    private static String randomHead(Random random, List<String> differing) {
        StringBuilder head = new StringBuilder();
        for (int i = random.nextInt(14); i > 0; i--) {
            int kind = random.nextInt(10);
            List<String> from = kind < 6 || kind == 9 && differing.isEmpty() ? PLAIN : kind < 9 ? METAS : differing;
            head.append(from.get(random.nextInt(from.size())));
        }
        return head.toString();
    }

    /** The detection the prescan replaced: each meta of a jsoup parse of the first bytes, in document order. */
    private static Optional<Charset> jsoupMeta(byte[] body, int length) {
        String head = new String(body, 0, Math.min(length, WINDOW), StandardCharsets.ISO_8859_1);
        for (Element meta : Jsoup.parse(head).getElementsByTag("meta")) {
            if (meta.hasAttr("charset")) {
                Optional<Charset> found = CharsetLabels.forLabel(meta.attr("charset"));
                if (found.isPresent()) {
                    return found;
                }
            }
            if ("content-type".equalsIgnoreCase(meta.attr("http-equiv").trim())) {
                Optional<Charset> found = CharsetSniffer.fromContentType(meta.attr("content"));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static String name(Optional<Charset> charset) {
        return charset.map(Charset::name).orElse(null);
    }
}
