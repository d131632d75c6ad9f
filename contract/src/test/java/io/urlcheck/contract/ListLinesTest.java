package io.urlcheck.contract;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ListLinesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "# a comment", "   # indented comment", "#https://example.com/"})
    void blankLinesAndCommentsAreNotInputs(String line) {
        assertThat(ListLines.isBlankOrComment(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/", "  https://example.com/#fragment", "not a url", "a # b"})
    void everythingElseIsAnInput(String line) {
        assertThat(ListLines.isBlankOrComment(line)).isFalse();
    }
}
