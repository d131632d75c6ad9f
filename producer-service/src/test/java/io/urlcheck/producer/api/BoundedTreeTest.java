package io.urlcheck.producer.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedTreeTest {

    private static JsonParser parserAtFirstToken(String json) throws IOException {
        JsonParser parser = JsonCodec.mapper().getFactory().createParser(json);
        parser.nextToken();
        return parser;
    }

    @Test
    void aValueWithinItsBudgetReadsAsTheMapperReadsIt() throws Exception {
        String json = "{\"url\": \"https://a.example/\", \"n\": [1, -2, 30000000000, 123456789012345678901234567890, 1.5],"
                + " \"ok\": true, \"no\": false, \"none\": null, \"source\": {\"file\": \"README.md\", \"line\": 7}}";

        JsonNode read = new BoundedTree(100, 1_000).read(parserAtFirstToken(json));

        assertThat(read).isEqualTo(JsonCodec.mapper().readTree(json));
    }

    @Test
    void aValueWithTooManyValuesIsSkippedToItsEndSoTheNextValueIsRead() throws Exception {
        JsonParser parser = parserAtFirstToken("[{\"url\": \"https://a.example/\", \"junk\": [[], [[]], {\"a\": [1, 2]}, 3, 4]},"
                + " \"https://next.example/\"]");
        parser.nextToken();
        BoundedTree budget = new BoundedTree(5, 1_000);

        assertThatThrownBy(() -> budget.read(parser)).isInstanceOf(BoundedTree.TooLarge.class)
                .hasMessage("over 5 values");

        assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
        assertThat(parser.getText()).isEqualTo("https://next.example/");
        assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
    }

    @Test
    void stringsFieldNamesAndNumbersSpendTheCharacterBudget() throws Exception {
        BoundedTree budget = new BoundedTree(100, 10);

        assertThat(budget.read(parserAtFirstToken("{\"abc\": \"defg\", \"h\": 12}"))).hasSize(2);
        assertThatThrownBy(() -> budget.read(parserAtFirstToken("{\"abc\": \"defgh\", \"i\": 12}")))
                .isInstanceOf(BoundedTree.TooLarge.class);
        assertThatThrownBy(() -> budget.read(parserAtFirstToken("\"" + "x".repeat(11) + "\"")))
                .isInstanceOf(BoundedTree.TooLarge.class).hasMessage("over 10 characters");
    }

    @Test
    void aValueCutOffBeforeItsEndIsMalformedWhetherReadOrSkipped() {
        assertThatThrownBy(() -> new BoundedTree(100, 1_000).read(parserAtFirstToken("{\"url\": [1, 2")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new BoundedTree(2, 1_000).read(parserAtFirstToken("{\"url\": [1, 2, 3")))
                .isInstanceOf(IOException.class);
    }
}
