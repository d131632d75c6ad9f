package io.urlcheck.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads a result's {@code requestId} from its JSON bytes without decoding the rest: the contract's
 * encoder writes it as a plain string field, and a request id is a UUID, so it needs no unescaping.
 */
final class RequestIds {

    private static final byte[] FIELD = "\"requestId\":\"".getBytes(StandardCharsets.US_ASCII);

    private RequestIds() {
    }

    /** The request id, or null when the field is absent, null or not a plain string. */
    static String of(byte[] json) {
        int at = indexOf(json, FIELD);
        if (at < 0) {
            return null;
        }
        int start = at + FIELD.length;
        for (int i = start; i < json.length; i++) {
            if (json[i] == '"') {
                return new String(json, start, i - start, StandardCharsets.US_ASCII);
            }
            if (json[i] == '\\') {
                return null;
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
