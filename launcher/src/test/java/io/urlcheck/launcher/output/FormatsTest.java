package io.urlcheck.launcher.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @Test
    void latenciesUnderTenSecondsAreWholeMillisecondsAndLongerOnesSeconds() {
        assertThat(Formats.millis(null)).isEqualTo("-");
        assertThat(Formats.millis(9_999L)).isEqualTo("9999 ms");
        assertThat(Formats.millis(12_345L)).isEqualTo("12.3 s");
    }

    @Test
    void anUnknownRateIsADash() {
        assertThat(Formats.rate(null)).isEqualTo("-");
        assertThat(Formats.rate(35.25)).isEqualTo("35.3/s");
    }

    @Test
    void durationsUseTheLargestUnitThatFits() {
        assertThat(Formats.duration(null)).isEqualTo("-");
        assertThat(Formats.duration(-1L)).isEqualTo("-");
        assertThat(Formats.duration(42L)).isEqualTo("42s");
        assertThat(Formats.duration(125L)).isEqualTo("2m05s");
        assertThat(Formats.duration(3_725L)).isEqualTo("1h02m");
    }

    @Test
    void aShareOfNothingIsADash() {
        assertThat(Formats.percent(1, 0)).isEqualTo("-");
        assertThat(Formats.percent(1, 3)).isEqualTo("33.3%");
    }

    @Test
    void longTextEndsInAnEllipsisWithinTheWidth() {
        assertThat(Formats.truncate(null, 10)).isEmpty();
        assertThat(Formats.truncate("short", 10)).isEqualTo("short");
        assertThat(Formats.truncate("https://example.com/a/long/path", 12)).isEqualTo("https://e...").hasSize(12);
    }
}
