package io.urlcheck.testkit;

import java.util.Random;

/** Text for hostile inputs: long values that no compressor shrinks, the same for the same seed. */
public final class RandomText {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private RandomText() {
    }

    /** {@code n} characters no compressor shrinks: random letters and digits drawn from {@code seed}. */
    public static String of(int n, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
