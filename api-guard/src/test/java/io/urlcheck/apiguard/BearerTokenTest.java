package io.urlcheck.apiguard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenTest {

    private final BearerToken token = new BearerToken("s3cret");

    @Test
    void acceptsOnlyTheExactTokenUnderTheBearerScheme() {
        assertThat(token.accepts("Bearer s3cret")).isTrue();
        assertThat(token.accepts("bearer s3cret")).isTrue();
        assertThat(token.accepts("Bearer s3cre")).isFalse();
        assertThat(token.accepts("Bearer s3cret2")).isFalse();
        assertThat(token.accepts("Basic s3cret")).isFalse();
        assertThat(token.accepts("s3cret")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void neverPrintsTheToken() {
        assertThat(token.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesABlankToken() {
        assertThatThrownBy(() -> new BearerToken(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
