package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcceptSpecTest {

    @Test
    void noSpecAcceptsEveryStatusBelow400() {
        AcceptSpec spec = AcceptSpec.parse(null);

        assertThat(spec).isSameAs(AcceptSpec.DEFAULT);
        assertThat(spec.accepts(200)).isTrue();
        assertThat(spec.accepts(304)).isTrue();
        assertThat(spec.accepts(399)).isTrue();
        assertThat(spec.accepts(400)).isFalse();
        assertThat(spec.accepts(503)).isFalse();
    }

    @Test
    void rangesAndSingleCodesAreAcceptedAndNothingElse() {
        AcceptSpec spec = AcceptSpec.parse("200..299, 403");

        assertThat(spec.accepts(200)).isTrue();
        assertThat(spec.accepts(299)).isTrue();
        assertThat(spec.accepts(403)).isTrue();
        assertThat(spec.accepts(301)).as("a redirect's final status outside the spec").isFalse();
        assertThat(spec.accepts(404)).isFalse();
        assertThat(spec.spec()).isEqualTo("200..299, 403");
    }

    @Test
    void malformedSpecsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> AcceptSpec.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be status codes or ranges like 200..299,403");
        assertThatThrownBy(() -> AcceptSpec.parse("200..299,,403")).hasMessageContaining("got ''");
        assertThatThrownBy(() -> AcceptSpec.parse("2xx")).hasMessageContaining("got '2xx'");
        assertThatThrownBy(() -> AcceptSpec.parse("299..200")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> AcceptSpec.parse("99")).hasMessageContaining("outside 100..999");
        assertThatThrownBy(() -> AcceptSpec.parse("200..1000")).hasMessageContaining("got '1000'");
        assertThatThrownBy(() -> AcceptSpec.parse("-1")).hasMessageContaining("got '-1'");
        assertThatThrownBy(() -> AcceptSpec.parse("200,".repeat(200))).hasMessageContaining("longer than");
    }
}
