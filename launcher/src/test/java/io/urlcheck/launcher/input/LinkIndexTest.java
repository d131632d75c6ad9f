package io.urlcheck.launcher.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.LinkSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LinkIndexTest {

    private static JsonNode result(String input) {
        String json = "{\"input\":\"" + input + "\",\"url\":\"https://example.com/a\",\"outcome\":\"OK\","
                + "\"source\":{\"file\":\"README.md\",\"line\":3}}";
        return JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void aLinkFoundInSeveralPlacesGetsOneRowPerPlace() {
        LinkIndex index = new LinkIndex();
        index.add("https://example.com/a", new LinkSource("README.md", 3));
        index.add("HTTPS://EXAMPLE.com:443/a#usage", new LinkSource("docs/guide.md", 7));
        index.add("https://example.com/a", new LinkSource("README.md", 3));

        assertThat(index.expand(result("https://example.com/a")))
                .extracting(row -> row.get("source").get("file").asText() + ":" + row.get("source").get("line").asInt())
                .containsExactly("README.md:3", "docs/guide.md:7");
    }

    @Test
    void aResultOfALinkFoundOnceOrUnknownStaysAsItIs() {
        LinkIndex index = new LinkIndex();
        index.add("https://example.com/a", new LinkSource("README.md", 3));

        assertThat(index.expand(result("https://example.com/a"))).hasSize(1);
        assertThat(index.expand(result("https://other.test/"))).hasSize(1);
        assertThat(LinkIndex.EMPTY.expand(result("https://example.com/a"))).hasSize(1);
    }
}
