package io.urlcheck.apiguard;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {

    private final ApiTokens tokens = ApiTokens.of(Optional.of("full"), Optional.of("reader")).orElseThrow();

    @Test
    void theApiTokenMayUseEveryMethod() {
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"}) {
            assertThat(tokens.access(method, "Bearer full")).as(method).isEqualTo(ApiTokens.Access.FULL);
        }
    }

    @Test
    void theReadOnlyTokenMayGetAndHeadAndNothingElse() {
        assertThat(tokens.access("GET", "Bearer reader")).isEqualTo(ApiTokens.Access.READ);
        assertThat(tokens.access("HEAD", "Bearer reader")).isEqualTo(ApiTokens.Access.READ);
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get", "PROPFIND", ""}) {
            assertThat(tokens.access(method, "Bearer reader")).as(method).isEqualTo(ApiTokens.Access.READ_ONLY);
        }
    }

    @Test
    void aWrongOrMissingTokenGetsNothing() {
        assertThat(tokens.access("GET", null)).isEqualTo(ApiTokens.Access.NONE);
        assertThat(tokens.access("GET", "Bearer readerx")).isEqualTo(ApiTokens.Access.NONE);
        assertThat(tokens.access("GET", "Basic reader")).isEqualTo(ApiTokens.Access.NONE);
    }

    @Test
    void withoutAnApiTokenThereAreNoTokensAndAReadOnlyOneAloneIsRefused() {
        assertThat(ApiTokens.of(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(ApiTokens.of(Optional.of(" "), Optional.empty())).isEmpty();
        assertThatThrownBy(() -> ApiTokens.of(Optional.empty(), Optional.of("reader")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("urlcheck.api.read-token is set without urlcheck.api.token: set the API token too, or remove the read-only one");
    }

    @Test
    void aReadOnlyTokenEqualToTheApiTokenIsRefused() {
        assertThatThrownBy(() -> ApiTokens.of(Optional.of("same"), Optional.of("same")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be another secret");
    }

    @Test
    void neverPrintsEitherToken() {
        assertThat(tokens.toString()).doesNotContain("full").doesNotContain("reader");
    }
}
