package io.urlcheck.worker;

import io.urlcheck.contract.JobOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CheckOptionsTest {

    private static final TargetUrl FIRST = TargetUrl.parse("https://docs.example.com/private");

    private static JobOptions withHeaders(Map<String, String> headers, String userAgent) {
        return new JobOptions(null, null, null, headers, userAgent, null, null, null, null, null, null);
    }

    @Test
    void unsetOptionsTakeTheWorkersSettings() {
        CheckOptions options = CheckOptions.resolve(JobOptions.DEFAULTS, 10, Duration.ofSeconds(10), 2);

        assertThat(options.method()).isEqualTo("GET");
        assertThat(options.maxRedirects()).isEqualTo(10);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.retries()).isEqualTo(2);
        assertThat(options.hostIntervalNanos()).isZero();
        assertThat(options.insecure()).isFalse();
        assertThat(options.userAgent()).isEqualTo(UserAgent.DEFAULT);
        assertThat(options.accept().accepts(399)).isTrue();
        assertThat(options.accept().accepts(403)).isFalse();
    }

    @Test
    void setOptionsWinOverTheWorkersSettings() {
        JobOptions job = new JobOptions("200..299,403", null, null, null, null, "head", true, 3, 250L, 1500L, 0);

        CheckOptions options = CheckOptions.resolve(job, 10, Duration.ofSeconds(10), 2);

        assertThat(options.method()).isEqualTo("HEAD");
        assertThat(options.insecure()).isTrue();
        assertThat(options.maxRedirects()).isEqualTo(3);
        assertThat(options.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.retries()).isZero();
        assertThat(options.hostIntervalNanos()).isEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(options.accept().accepts(403)).isTrue();
        assertThat(options.accept().accepts(404)).isFalse();
    }

    @Test
    void defaultUserAgentNamesUrlcheckAndTheBuiltVersion() {
        assertThat(UserAgent.VERSION).isNotBlank().doesNotContain("${");
        assertThat(UserAgent.DEFAULT).startsWith("urlcheck/" + UserAgent.VERSION + " ");
    }

    @Test
    void sameOriginHopCarriesTheJobsHeadersAndUserAgent() {
        CheckOptions options = CheckOptions.resolve(withHeaders(Map.of("Authorization", "Bearer s3cret", "X-Trace", "1"), "probe/1"),
                10, Duration.ofSeconds(10), 2);

        HopRequest hop = options.hop("GET", FIRST, TargetUrl.parse("https://docs.example.com/moved"));

        assertThat(hop.headers()).containsEntry("Authorization", "Bearer s3cret").containsEntry("X-Trace", "1")
                .containsEntry("User-Agent", "probe/1");
    }

    @Test
    void crossOriginRedirectDropsEveryCustomHeaderButKeepsUserAgent() {
        CheckOptions options = CheckOptions.resolve(withHeaders(Map.of("Authorization", "Bearer s3cret",
                "Cookie", "session=1", "Proxy-Authorization", "Basic x", "X-Api-Key", "k"), null), 10, Duration.ofSeconds(10), 2);

        for (String other : new String[] {"https://cdn.example.com/private", "http://docs.example.com/private",
                "https://docs.example.com:8443/private"}) {
            HopRequest hop = options.hop("GET", FIRST, TargetUrl.parse(other));

            assertThat(hop.headers()).as(other).containsOnlyKeys("User-Agent");
            assertThat(hop.headers().get("User-Agent")).isEqualTo(UserAgent.DEFAULT);
        }
    }

    @Test
    void userAgentGivenAsAHeaderIsTheUserAgentAndAcceptEncodingStaysTheWorkers() {
        CheckOptions options = CheckOptions.resolve(withHeaders(Map.of("user-agent", "mine/2", "Accept-Encoding", "br"), null),
                10, Duration.ofSeconds(10), 2);

        assertThat(options.userAgent()).isEqualTo("mine/2");
        assertThat(options.headers()).isEmpty();
    }

    @Test
    void headFallsBackToGetOnlyOn405And501() {
        assertThat(CheckOptions.fallsBackToGet("HEAD", 405)).isTrue();
        assertThat(CheckOptions.fallsBackToGet("HEAD", 501)).isTrue();
        assertThat(CheckOptions.fallsBackToGet("HEAD", 404)).isFalse();
        assertThat(CheckOptions.fallsBackToGet("HEAD", 200)).isFalse();
        assertThat(CheckOptions.fallsBackToGet("GET", 405)).isFalse();
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthenticationDecoded() {
        CheckOptions options = CheckOptions.resolve(JobOptions.DEFAULTS, 10, Duration.ofSeconds(10), 2);
        TargetUrl first = TargetUrl.parse("https://alice:p%40ss+w%C3%B6rd@docs.example.com/private");

        HopRequest hop = options.hop("GET", first, first);

        assertThat(hop.headers()).containsEntry("Authorization", "Basic " + base64("alice:p@ss+wörd"));
        assertThat(first.hostHeader()).isEqualTo("docs.example.com");
        assertThat(first.requestTarget()).isEqualTo("/private");
    }

    @Test
    void aTokenAloneInTheUrlIsSentAsTheUserWithAnEmptyPassword() {
        CheckOptions options = CheckOptions.resolve(JobOptions.DEFAULTS, 10, Duration.ofSeconds(10), 2);
        TargetUrl first = TargetUrl.parse("https://ghp_token@docs.example.com/");

        assertThat(options.hop("GET", first, first).headers()).containsEntry("Authorization", "Basic " + base64("ghp_token:"));
    }

    @Test
    void theUrlsCredentialsFollowASameOriginRedirectButNeverAnotherOrigin() {
        CheckOptions options = CheckOptions.resolve(JobOptions.DEFAULTS, 10, Duration.ofSeconds(10), 2);
        TargetUrl first = TargetUrl.parse("https://alice:pw@docs.example.com/a");

        assertThat(options.hop("GET", first, first.resolve("/b")).headers()).containsKey("Authorization");
        assertThat(options.hop("GET", first, first.resolve("https://cdn.example.net/b")).headers()).doesNotContainKey("Authorization");
        assertThat(options.hop("GET", first, TargetUrl.parse("https://bob:pw2@cdn.example.net/b")).headers())
                .as("a redirect naming its own credentials").containsEntry("Authorization", "Basic " + base64("bob:pw2"));
    }

    @Test
    void aJobsOwnAuthorizationHeaderWinsOverTheUrlsCredentials() {
        CheckOptions options = CheckOptions.resolve(withHeaders(Map.of("authorization", "Bearer job-token"), null),
                10, Duration.ofSeconds(10), 2);
        TargetUrl first = TargetUrl.parse("https://alice:pw@docs.example.com/a");

        Map<String, String> sent = options.hop("GET", first, first).headers();

        assertThat(sent).containsEntry("authorization", "Bearer job-token").doesNotContainKey("Authorization");
    }

    @Test
    void aUrlWithoutCredentialsSendsNoAuthorization() {
        CheckOptions options = CheckOptions.resolve(JobOptions.DEFAULTS, 10, Duration.ofSeconds(10), 2);

        assertThat(options.hop("GET", FIRST, FIRST).headers()).doesNotContainKey("Authorization");
        assertThat(FIRST.userInfo()).isNull();
        assertThat(TargetUrl.parse("https://docs.example.com/u/someone@example.org").userInfo()).isNull();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
