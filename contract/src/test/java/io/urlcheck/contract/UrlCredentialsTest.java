package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UrlCredentialsTest {

    @Test
    void aPasswordIsHiddenAndTheUserKept() {
        assertThat(UrlCredentials.redact("https://alice:s3cret@example.com/a?b=c@d")).isEqualTo("https://alice:***@example.com/a?b=c@d");
    }

    @Test
    void aUserInformationWithoutAPasswordIsHiddenWholeSinceItIsOftenAToken() {
        assertThat(UrlCredentials.redact("https://ghp_abc123@github.com/org/repo")).isEqualTo("https://***@github.com/org/repo");
    }

    @Test
    void aPasswordWithAnUnescapedAtSignIsHiddenToTheLastAtOfTheAuthority() {
        assertThat(UrlCredentials.redact("http://bob:p@ss@host:8080/")).isEqualTo("http://bob:***@host:8080/");
    }

    @Test
    void anAtSignOutsideTheAuthorityIsNotACredential() {
        assertThat(UrlCredentials.redact("https://example.com/users/someone@example.org")).isEqualTo("https://example.com/users/someone@example.org");
        assertThat(UrlCredentials.redact("mailto:someone@example.org")).isEqualTo("mailto:someone@example.org");
        assertThat(UrlCredentials.redact("https://example.com/?mail=a@b")).isEqualTo("https://example.com/?mail=a@b");
    }

    @Test
    void everyUrlInAnErrorIsRedactedAndRedactingTwiceChangesNothing() {
        String error = "redirect loop back to https://u:pw@a.example/ from http://tok@b.example/x";
        String once = UrlCredentials.redact(error);

        assertThat(once).isEqualTo("redirect loop back to https://u:***@a.example/ from http://***@b.example/x");
        assertThat(UrlCredentials.redact(once)).isEqualTo(once);
        assertThat(UrlCredentials.redact(null)).isNull();
    }

    @Test
    void aResultNeverShowsTheCredentialsOfItsUrls() {
        CheckResult result = CheckResult.builder().input("https://alice:s3cret@example.com/").url("https://alice:s3cret@example.com/")
                .finalUrl("https://alice:s3cret@example.com/home").redirects(List.of(new Redirect("https://alice:s3cret@example.com/", 301)))
                .error("no complete response within the deadline (https://alice:s3cret@example.com/home)")
                .outcome(Outcome.TIMEOUT).checkedAt(Instant.parse("2026-12-06T00:00:00Z")).build();

        String json = JsonCodec.encodeToString(result);

        assertThat(json).doesNotContain("s3cret").contains("https://alice:***@example.com/");
        assertThat(JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), CheckResult.class))
                .isEqualTo(result);
    }
}
