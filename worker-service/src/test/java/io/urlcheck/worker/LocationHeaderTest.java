package io.urlcheck.worker;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LocationHeaderTest {

    /** The header as the client hands it over: each byte one char. */
    private static String asRead(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8BytesAreReadAsUtf8() {
        assertThat(LocationHeader.decode(asRead("/café/日本".getBytes(StandardCharsets.UTF_8)))).isEqualTo("/café/日本");
    }

    @Test
    void bytesThatAreNotUtf8StayLatin1() {
        assertThat(LocationHeader.decode(asRead("/café".getBytes(StandardCharsets.ISO_8859_1)))).isEqualTo("/café");
        assertThat(LocationHeader.decode(asRead(new byte[] {'/', (byte) 0xC3}))).isEqualTo("/\u00c3");
    }

    @Test
    void asciiAndAlreadyDecodedTextAreUnchanged() {
        assertThat(LocationHeader.decode("/a%20b?x=1")).isEqualTo("/a%20b?x=1");
        assertThat(LocationHeader.decode("/日本")).isEqualTo("/日本");
        assertThat(LocationHeader.decode(null)).isNull();
    }
}
