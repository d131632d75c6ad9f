package io.urlcheck.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlNormalizerTest {

    private final UrlNormalizer normalizer = new UrlNormalizer();

    private UrlVerdict.Valid valid(String input) {
        UrlVerdict verdict = normalizer.normalize(input);
        assertThat(verdict).as("verdict for %s", input).isInstanceOf(UrlVerdict.Valid.class);
        return (UrlVerdict.Valid) verdict;
    }

    private String reason(String input) {
        UrlVerdict verdict = normalizer.normalize(input);
        assertThat(verdict).as("verdict for %s", input).isInstanceOf(UrlVerdict.Invalid.class);
        return ((UrlVerdict.Invalid) verdict).reason();
    }

    @Test
    void lowercasesSchemeAndHost() {
        assertThat(valid("HTTPS://WWW.Example.COM/Path/Keeps/Case").url()).isEqualTo("https://www.example.com/Path/Keeps/Case");
    }

    @Test
    void convertsInternationalHostsToPunycode() {
        UrlVerdict.Valid v = valid("http://bücher.example/straße");
        assertThat(v.url()).isEqualTo("http://xn--bcher-kva.example/stra%C3%9Fe");
        assertThat(v.host()).isEqualTo("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @CsvSource({
            "http://example.com:80/a, http://example.com/a",
            "https://example.com:443/a, https://example.com/a",
            "http://example.com:443/a, http://example.com:443/a",
            "https://example.com:8443/a, https://example.com:8443/a"})
    void dropsOnlyTheSchemesDefaultPort(String input, String expected) {
        assertThat(valid(input).url()).isEqualTo(expected);
    }

    @Test
    void dropsTheFragment() {
        assertThat(valid("http://example.com/a?q=1#section-2").url()).isEqualTo("http://example.com/a?q=1");
    }

    @ParameterizedTest
    @CsvSource({
            "http://example.com/a/./b/../c, http://example.com/a/c",
            "http://example.com/../../x, http://example.com/x",
            "http://example.com/a/b/.., http://example.com/a/",
            "http://example.com/a/., http://example.com/a/",
            "http://example.com, http://example.com/"})
    void resolvesDotSegments(String input, String expected) {
        assertThat(valid(input).url()).isEqualTo(expected);
    }

    @Test
    void keepsTheQueryAsGiven() {
        assertThat(valid("http://example.com/p?b=2&a=1&C=%2f&x=a/../b").url())
                .isEqualTo("http://example.com/p?b=2&a=1&C=%2f&x=a/../b");
    }

    @Test
    void keysByHostWithoutPortOrUserInfo() {
        assertThat(valid("http://user:pw@Example.com:8080/").host()).isEqualTo("example.com");
        assertThat(valid("http://[::1]:8080/").host()).isEqualTo("[::1]");
    }

    @Test
    void percentEncodesCharactersAPathCannotCarry() {
        assertThat(valid("http://example.com/a b\"c").url()).isEqualTo("http://example.com/a%20b%22c");
    }

    @ParameterizedTest
    @CsvSource({"javascript:alert(1), javascript", "ftp://example.com/f, ftp", "mailto:a@example.com, mailto",
            "htp:/x, htp", "file:///etc/passwd, file"})
    void rejectsOtherSchemes(String input, String scheme) {
        assertThat(reason(input)).contains("unsupported scheme '" + scheme + "'");
    }

    @ParameterizedTest
    @CsvSource({"http://", "http:///path", "https://:8080/", "http:/x", "http:example.com"})
    void rejectsAMissingHost(String input) {
        assertThat(reason(input)).contains("missing host");
    }

    @Test
    void rejectsInputWithoutScheme() {
        assertThat(reason("example.com/page")).contains("no scheme");
    }

    @ParameterizedTest
    @CsvSource({
            "http://[::1, unterminated IPv6",
            "http://[zz::1]/, invalid IPv6",
            "http://exa mple.com/, invalid character",
            "http://example.com:99999/, out of range",
            "http://example.com:8o/, invalid port",
            "http://example..com/, invalid host"})
    void rejectsMalformedInput(String input, String why) {
        assertThat(reason(input)).contains("malformed URL").contains(why);
    }

    @Test
    void rejectsControlCharactersSuchAsNul() {
        assertThat(reason("http://example.com/a\u0000b")).contains("control character U+0000");
    }

    @Test
    void rejectsAUrlOverTheMaximumLength() {
        String path = "a".repeat(UrlNormalizer.DEFAULT_MAX_URL_LENGTH);
        assertThat(reason("http://example.com/" + path)).contains("over the 8192-character limit");
        assertThat(new UrlNormalizer(30).normalize("http://example.com/" + "b".repeat(11)))
                .isInstanceOf(UrlVerdict.Valid.class);
    }

    @ParameterizedTest
    @CsvSource({
            "http://faß.de/, xn--fa-hia.de",
            "http://FAß.DE/, xn--fa-hia.de",
            "http://faß。de/, xn--fa-hia.de",
            "http://faß．de/, xn--fa-hia.de",
            "http://faß｡de/, xn--fa-hia.de",
            "http://example。com/, example.com",
            "http://BÜCHER.Example/, xn--bcher-kva.example",
            "http://XN--FA-HIA.de/, xn--fa-hia.de"})
    void mapsInternationalHostsPerUts46NonTransitional(String input, String host) {
        UrlVerdict.Valid v = valid(input);
        assertThat(v.host()).isEqualTo(host);
        assertThat(v.url()).isEqualTo("http://" + host + "/");
    }

    @Test
    void keepsTheSharpSWhereJavaNetIdnWouldMakeItAnotherHost() {
        assertThat(java.net.IDN.toASCII("faß.de")).isEqualTo("fass.de");
        assertThat(valid("https://faß.de/x").url()).isEqualTo("https://xn--fa-hia.de/x");
        assertThat(HostNames.toUnicode("xn--fa-hia.de")).isEqualTo("faß.de");
        assertThat(HostNames.toUnicode("example.com")).isEqualTo("example.com");
    }

    @ParameterizedTest
    @CsvSource({
            "http://xn--a.de/, invalid international host name",
            "http://ex‍ample.com/, invalid international host name",
            "http://a�b.com/, invalid international host name",
            "http://faß..de/, invalid host"})
    void rejectsInvalidInternationalLabelsWithAReason(String input, String why) {
        assertThat(reason(input)).contains(why);
    }

    @Test
    void percentEncodesWhatAQueryCannotCarryRaw() {
        assertThat(valid("http://example.com/p?q=a b&s=\"x\"&u=ü").url())
                .isEqualTo("http://example.com/p?q=a%20b&s=%22x%22&u=%C3%BC");
    }

    @Test
    void normalizingIsIdempotent() {
        for (String input : new String[]{"HTTP://faß.de:80/a/./b/../c d?q=a b#f", "http://[::1]:8080/x", "https://my_host.example/%7e"}) {
            String once = valid(input).url();
            assertThat(valid(once).url()).as(input).isEqualTo(once);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "http://example.com/a/b?q=1, c, http://example.com/a/c",
            "http://example.com/a/b?q=1, /root, http://example.com/root",
            "http://example.com/a/b?q=1, ../../../up, http://example.com/up",
            "http://example.com/a/b?q=1, ?other, http://example.com/a/b?other",
            "http://example.com/a/b?q=1, '', http://example.com/a/b?q=1",
            "http://example.com/a/b?q=1, #frag, http://example.com/a/b?q=1",
            "http://example.com/a/b?q=1, //CDN.example.com/x, http://cdn.example.com/x",
            "https://example.com/a/b, //faß.de/x, https://xn--fa-hia.de/x",
            "http://example.com/a/b, HTTPS://Other.example:443, https://other.example/",
            "http://example.com/, '  /spaced path  ', http://example.com/spaced%20path",
            "http://example.com:8080/a/, b/./c/../d?x=1#y, http://example.com:8080/a/b/d?x=1"})
    void resolvesLocationsPerRfc3986(String base, String location, String expected) {
        UrlVerdict verdict = normalizer.resolve(base, location);
        assertThat(verdict).as("%s against %s", location, base).isInstanceOf(UrlVerdict.Valid.class);
        assertThat(((UrlVerdict.Valid) verdict).url()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ftp://example.com/, unsupported scheme", "javascript:alert(1), unsupported scheme",
            "http://exa mple.com/, invalid character"})
    void refusesLocationsThatAreNotCheckableUrls(String location, String why) {
        assertThat(normalizer.resolve("http://example.com/", location))
                .isInstanceOfSatisfying(UrlVerdict.Invalid.class, i -> assertThat(i.reason()).contains(why));
    }
}
