package io.urlcheck.producer;

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
}
