package io.urlcheck.launcher.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonArrayWriterTest {

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonLinesBecomeOneValidArrayInOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = JsonArrayWriter.convert(in("{\"url\":\"http://a/\"}\n\n{\"url\":\"http://b/\",\"x\":[1,2]}\r\n"), out);

        JsonNode array = JsonCodec.mapper().readTree(out.toByteArray());
        assertThat(n).isEqualTo(2);
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        assertThat(array.get(0).get("url").asText()).isEqualTo("http://a/");
        assertThat(array.get(1).get("x").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void noResultsIsAnEmptyArray() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(JsonArrayWriter.convert(in(""), out)).isZero();
        assertThat(JsonCodec.mapper().readTree(out.toByteArray()).size()).isZero();
    }

    @Test
    void copiedLinesAreCountedAndKept() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(JsonArrayWriter.copyLines(in("a\nb\n\nc"), out)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\nb\n\nc\n");
    }
}
