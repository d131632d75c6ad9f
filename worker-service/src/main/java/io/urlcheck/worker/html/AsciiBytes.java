package io.urlcheck.worker.html;

/**
 * Searches and compares ASCII text in raw bytes, for markup read before its charset is known. Ranges are
 * {@code [from, to)}; "ignoring case" folds only A-Z, and the text searched for is given in lower case.
 */
final class AsciiBytes {

    private AsciiBytes() {
    }

    /** Whether {@code b[at..to)} starts with {@code ascii}. */
    static boolean startsWith(byte[] b, int at, int to, String ascii) {
        if (at + ascii.length() > to) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[at..to)} starts with {@code lowerCase}, ignoring case. */
    static boolean startsWithIgnoreCase(byte[] b, int at, int to, String lowerCase) {
        if (at + lowerCase.length() > to) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            if (toLowerCase(b[at + i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from..to)} is {@code lowerCase}, ignoring case. */
    static boolean equalsIgnoreCase(byte[] b, int from, int to, String lowerCase) {
        return to - from == lowerCase.length() && startsWithIgnoreCase(b, from, to, lowerCase);
    }

    /** The index of the first byte {@code c} in {@code b[from..to)}, or -1. */
    static int indexOf(byte[] b, int c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first {@code ascii} in {@code b[from..to)}, or -1. */
    static int indexOf(byte[] b, String ascii, int from, int to) {
        for (int i = from; i + ascii.length() <= to; i++) {
            if (startsWith(b, i, to, ascii)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first {@code lowerCase} in {@code b[from..to)}, ignoring case, or -1. */
    static int indexOfIgnoreCase(byte[] b, String lowerCase, int from, int to) {
        for (int i = from; i + lowerCase.length() <= to; i++) {
            if (startsWithIgnoreCase(b, i, to, lowerCase)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first byte in {@code b[from..to)} that is not HTML whitespace, or {@code to}. */
    static int skipSpaces(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        return from;
    }

    /** HTML's ASCII whitespace: tab, line feed, form feed, carriage return, space. */
    static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    static boolean isLetter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static char toLowerCase(byte c) {
        return (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c & 0xff);
    }
}
