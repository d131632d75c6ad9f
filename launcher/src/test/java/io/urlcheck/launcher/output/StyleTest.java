package io.urlcheck.launcher.output;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StyleTest {

    @Test
    void aTerminalGetsColour() {
        assertThat(Style.detect("true", false, Map.of())).isEqualTo(new Style(true, true));
    }

    @Test
    void noColorTurnsColourOffButKeepsTheTerminal() {
        assertThat(Style.detect("true", false, Map.of("NO_COLOR", "1"))).isEqualTo(new Style(true, false));
        assertThat(Style.detect("true", false, Map.of("NO_COLOR", ""))).as("empty NO_COLOR is ignored")
                .isEqualTo(new Style(true, true));
    }

    @Test
    void aPipeGetsNeitherEvenWithAConsole() {
        assertThat(Style.detect("false", true, Map.of())).isEqualTo(Style.PLAIN);
    }

    @Test
    void withoutTheScriptsHintTheConsoleDecides() {
        assertThat(Style.detect(null, true, Map.of()).terminal()).isTrue();
        assertThat(Style.detect(null, false, Map.of()).terminal()).isFalse();
    }

    @Test
    void plainStyleWritesNoEscapeCodes() {
        assertThat(Style.PLAIN.outcome("TIMEOUT", "x") + Style.PLAIN.bold("y")).isEqualTo("xy");
        assertThat(new Style(true, true).outcome("OK", "x")).isEqualTo("\u001b[32mx\u001b[0m");
    }
}
