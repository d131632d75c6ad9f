package io.urlcheck.launcher.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of an {@code --allow-cidr} or {@code --deny-cidr} value, so that a range the worker's address policy
 * could not read is a usage error of one line rather than a worker that fails to start. It takes what the worker
 * takes ({@code a.b.c.d/n}, {@code ipv6/n}, a bare address as a single host) in its plain spelling: four decimal
 * parts of 0 to 255, without leading zeros, which the worker would read as octal.
 */
final class AddressRange {

    private static final Pattern RANGE = Pattern.compile("([0-9A-Fa-f:.]+)(?:/(\\d{1,3}))?");
    private static final Pattern IPV4_PART = Pattern.compile("0|[1-9]\\d{0,2}");

    private AddressRange() {
    }

    /** Throws an {@link IllegalArgumentException} naming {@code option} and what is wrong unless {@code text} is a range. */
    static void check(String option, String text) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw refusal(option, text, "expects an address range such as 127.0.0.0/8 or fc00::/7");
        }
        String address = m.group(1);
        Integer prefix = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        if (address.indexOf(':') < 0) {
            checkIpv4(option, text, address);
            checkPrefix(option, text, prefix, 0, 32, "IPv4");
        } else if (ipv6(option, text, address) instanceof Inet4Address) {
            checkPrefix(option, text, prefix, 96, 128, "IPv4-mapped IPv6"); // ::ffff:a.b.c.d/n is a.b.c.d/(n-96)
        } else {
            checkPrefix(option, text, prefix, 0, 128, "IPv6");
        }
    }

    private static void checkIpv4(String option, String text, String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw refusal(option, text, "an IPv4 address has four parts, such as 10.0.0.0");
        }
        for (String part : parts) {
            if (!IPV4_PART.matcher(part).matches() || Integer.parseInt(part) > 255) {
                throw refusal(option, text, (part.isEmpty() ? "an empty part" : part) + " is not an IPv4 address part (0 to 255)");
            }
        }
    }

    /**
     * The address an IPv6 literal spells. {@link InetAddress#getByName} parses a string with a colon that starts
     * with a hex digit or a colon as a literal and never looks it up; anything else is refused before it could be.
     */
    private static InetAddress ipv6(String option, String text, String address) {
        if (Character.digit(address.charAt(0), 16) < 0 && address.charAt(0) != ':') {
            throw refusal(option, text, "not an IPv6 address");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw refusal(option, text, "not an IPv6 address");
        }
    }

    private static void checkPrefix(String option, String text, Integer prefix, int min, int max, String family) {
        if (prefix != null && (prefix < min || prefix > max)) {
            throw refusal(option, text, "the prefix of an " + family + " range is " + min + " to " + max);
        }
    }

    private static IllegalArgumentException refusal(String option, String text, String why) {
        return new IllegalArgumentException(option + " " + text + ": " + why);
    }
}
