package io.urlcheck.contract;

import com.ibm.icu.text.IDNA;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * International host names per UTS #46, non-transitional, as browsers (WHATWG URL) and lychee map them:
 * {@code faß.de} stays {@code xn--fa-hia.de}, where {@code java.net.IDN} (IDNA 2003) gives {@code fass.de},
 * another host. Unicode dots (U+3002, U+FF0E, U+FF61) separate labels; case folds. Pure and thread-safe.
 */
public final class HostNames {

    /** Browsers set CheckHyphens and VerifyDnsLength to false: such names still go to DNS, which decides. */
    private static final Set<IDNA.Error> TOLERATED = EnumSet.of(IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN, IDNA.Error.HYPHEN_3_4, IDNA.Error.EMPTY_LABEL,
            IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG);

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

    private HostNames() {
    }

    /**
     * The lower-case ASCII (punycode) form of a registered host name. A name that is plain ASCII with no
     * {@code xn--} label is only lower-cased. Throws {@link IllegalArgumentException} naming the UTS #46
     * errors when the name has none.
     */
    public static String toAscii(String host) {
        if (isPlainAscii(host)) {
            return host.toLowerCase(Locale.ROOT);
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = UTS46.nameToASCII(host, new StringBuilder(host.length() + 16), info);
        Set<IDNA.Error> errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(TOLERATED);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("not a valid international name (UTS #46: " + errors + ")");
        }
        return ascii.toString().toLowerCase(Locale.ROOT);
    }

    /** The Unicode form of an ASCII host for people to read ({@code xn--fa-hia.de} is {@code faß.de}); the host itself when it has no valid {@code xn--} label. */
    public static String toUnicode(String asciiHost) {
        if (asciiHost == null || !asciiHost.toLowerCase(Locale.ROOT).contains("xn--")) {
            return asciiHost;
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder unicode = UTS46.nameToUnicode(asciiHost, new StringBuilder(asciiHost.length()), info);
        return info.hasErrors() ? asciiHost : unicode.toString();
    }

    private static boolean isPlainAscii(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) >= 0x80) {
                return false;
            }
        }
        return !host.toLowerCase(Locale.ROOT).contains("xn--");
    }
}
