package io.urlcheck.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetUrlTest {

    @Test
    void relativeLocationsResolveLikeBrowsersDo() {
        TargetUrl base = TargetUrl.parse("http://example.com/a/b?q=1");

        assertThat(base.resolve("c").url()).isEqualTo("http://example.com/a/c");
        assertThat(base.resolve("/root").url()).isEqualTo("http://example.com/root");
        assertThat(base.resolve("../../../up").url()).isEqualTo("http://example.com/up");
        assertThat(base.resolve("?other").url()).isEqualTo("http://example.com/a/b?other");
        assertThat(base.resolve("//cdn.example.com/x").url()).isEqualTo("http://cdn.example.com/x");
        assertThat(base.resolve("https://other.example/").https()).isTrue();
        assertThat(TargetUrl.parse("http://example.com").resolve("x").url()).isEqualTo("http://example.com/x");
    }

    @Test
    void hostPortAndTargetAreSplit() {
        TargetUrl url = TargetUrl.parse("https://Example.COM:8443/p%20q?x=1#frag");

        assertThat(url.host()).isEqualTo("example.com");
        assertThat(url.port()).isEqualTo(8443);
        assertThat(url.requestTarget()).isEqualTo("/p%20q?x=1");
        assertThat(url.hostHeader()).isEqualTo("example.com:8443");
        assertThat(url.url()).doesNotContain("#");
    }

    @Test
    void ipv6AndUnderscoreHostsAreUnderstood() {
        assertThat(TargetUrl.parse("http://[::1]:8080/").host()).isEqualTo("::1");
        assertThat(TargetUrl.parse("http://[::1]:8080/").hostHeader()).isEqualTo("[::1]:8080");
        assertThat(TargetUrl.parse("http://my_host.example/x").host()).isEqualTo("my_host.example");
    }

    @Test
    void onlyHttpAndHttpsAreChecked() {
        assertThatThrownBy(() -> TargetUrl.parse("ftp://example.com/")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> TargetUrl.parse("file:///etc/passwd")).hasMessageContaining("scheme");
    }

    @Test
    void redirectTargetsFollowTheSameRulesAsRequestUrls() {
        TargetUrl base = TargetUrl.parse("https://example.com/a/b");

        assertThat(base.resolve("//FAß.de/x#top").url()).isEqualTo("https://xn--fa-hia.de/x");
        assertThat(base.resolve("//FAß.de/x").host()).isEqualTo("xn--fa-hia.de");
        assertThat(base.resolve("http://faß\u3002de:80/./y/../z?q=a b").url()).isEqualTo("http://xn--fa-hia.de/z?q=a%20b");
        assertThat(base.resolve(" /spaced path ").url()).isEqualTo("https://example.com/spaced%20path");
        assertThat(TargetUrl.parse("http://EXAMPLE.com:80").url()).isEqualTo("http://example.com/");
    }

    @Test
    void anInvalidLocationIsRefusedWithAReason() {
        TargetUrl base = TargetUrl.parse("https://example.com/");

        assertThatThrownBy(() -> base.resolve("//xn--a.de/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unusable Location").hasMessageContaining("invalid international host name");
        assertThatThrownBy(() -> base.resolve("ftp://example.com/")).hasMessageContaining("unsupported scheme 'ftp'");
    }
}
