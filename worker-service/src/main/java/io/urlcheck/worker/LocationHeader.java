package io.urlcheck.worker;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A {@code Location} header's value as the server meant it. The HTTP client reads header bytes as ISO-8859-1,
 * one char per byte, but servers that put a raw non-ASCII path in {@code Location} send it as UTF-8
 * ({@code /café} as {@code /caf\xC3\xA9}); read as Latin-1 it would be followed to {@code /caf%C3%83%C2%A9}.
 * So when the value's bytes are valid UTF-8 they are read as UTF-8, as browsers and curl effectively do;
 * otherwise (true Latin-1, such as a lone {@code \xE9}) the value stays as it was read.
 */
public final class LocationHeader {

    private LocationHeader() {
    }

    /** {@code value} (one char per byte, as read) decoded as UTF-8 when its bytes are valid UTF-8, else unchanged. */
    public static String decode(String value) {
        if (value == null) {
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value; // not one char per byte: already decoded text
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return value;
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return value; // not UTF-8: Latin-1 is what it was
        }
    }
}
