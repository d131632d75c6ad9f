package io.urlcheck.apiguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicPathsTest {

    private final PublicPaths open = PublicPaths.of(List.of("/q/health", "/q/health/*", "/q/metrics", "/", "/js/*"));

    @Test
    void admitsExactPathsAndPathsBelowASubtreeForGetAndHead() {
        assertThat(open.admits("GET", "/q/health")).isTrue();
        assertThat(open.admits("GET", "/q/health/ready")).isTrue();
        assertThat(open.admits("HEAD", "/q/metrics")).isTrue();
        assertThat(open.admits("GET", "/")).isTrue();
        assertThat(open.admits("GET", "/js/main.js")).isTrue();
    }

    @Test
    void otherMethodsOnPublicPathsAreGuarded() {
        assertThat(open.admits("POST", "/q/health")).isFalse();
        assertThat(open.admits("DELETE", "/js/main.js")).isFalse();
        assertThat(open.admits("OPTIONS", "/")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/summary", "/q/metricsx", "/q/health2", "/js", "/js/", "/q/health/",
            "/q/health;x", "/q/health/live;x", "/q/health/..;/../api/summary", "/q/health/../../api/summary",
            "/q/health/%2e%2e/%2e%2e/api/summary", "/js/..%2f..%2fapi/summary", "/js/../api/summary",
            "/./q/health", "//q/health", "/q//health", "/q/health/./live", "/Q/HEALTH", "/q/%68ealth",
            "/q/health/live\\..\\..\\api", "/q/health/live#x", "/q/health/live?x", "http://x/q/health",
            "*", "", "/q/health/live%00", "/q/health/live ", "/js/main.js/..",
    })
    void anyOtherSpellingIsGuarded(String rawPath) {
        assertThat(open.admits("GET", rawPath)).as(rawPath).isFalse();
    }

    @Test
    void aPatternThatIsNotPlainIsRefusedAtStartup() {
        assertThatThrownBy(() -> PublicPaths.of(List.of("/api/../q"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicPaths.of(List.of("/*"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicPaths.of(List.of("q/health"))).isInstanceOf(IllegalArgumentException.class);
    }
}
