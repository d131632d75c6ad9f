package io.urlcheck.contract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials a URL may carry in its user information ({@code https://user:password@host/}), hidden wherever a
 * result shows a URL. The worker still sends them (as Basic authentication, to their own origin only); a result, and
 * everything that stores or shows one (the sink, the dashboard, files, the results topic), keeps
 * {@code https://user:***@host/} instead: a password is as secret as a job's headers, which no result shows. A user
 * information without a password is hidden whole ({@code https://***@host/}), since it is often a token
 * ({@code https://TOKEN@github.com/}).
 */
public final class UrlCredentials {

    /** What stands for a hidden password or token. */
    public static final String MASK = "***";

    /**
     * A scheme, {@code //}, then the authority up to its last {@code @} (the user information ends at the last one, as
     * browsers read a password with an unescaped {@code @}); the authority ends at the first {@code /}, {@code ?},
     * {@code #} or white space.
     */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#\\s]*)@");

    private UrlCredentials() {
    }

    /** {@code text} (a URL, an input line, an error naming URLs) with every URL's credentials hidden; null stays null. */
    public static String redact(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text; // the usual case, at the cost of one scan
        }
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked(m.group(2)) + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code user:***} for a user and a password, {@code ***} for a user information without a password. */
    private static String masked(String userInfo) {
        int colon = userInfo.indexOf(':');
        return colon >= 0 ? userInfo.substring(0, colon + 1) + MASK : MASK;
    }
}
