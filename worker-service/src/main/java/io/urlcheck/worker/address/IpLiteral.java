package io.urlcheck.worker.address;

import io.urlcheck.contract.AddressRange;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes a host that is an IP address written as a literal, in every form a C resolver accepts:
 * dotted quad, one to four parts, each decimal, octal ({@code 0177}) or hex ({@code 0x7f}), so that
 * {@code 2130706433} and {@code 0177.0.0.1} both mean 127.0.0.1; and IPv6, bracketed or not.
 * IPv4-mapped and IPv4-compatible IPv6 addresses come back as the IPv4 address they carry, so that
 * one address has one spelling for the {@link AddressPolicy}.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** The address {@code host} spells, or empty when it is a name that needs DNS. */
    public static Optional<InetAddress> parse(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.indexOf(':') >= 0) {
            return parseIpv6(h).map(IpLiteral::canonical);
        }
        return parseIpv4(h.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code address} with IPv4-mapped ({@code ::ffff:a.b.c.d}) and IPv4-compatible IPv6 forms turned into IPv4: the
     * contract's rule ({@link AddressRange#canonical}), by which the address policy's ranges are read too.
     */
    public static InetAddress canonical(InetAddress address) {
        return AddressRange.canonical(address);
    }

    private static Optional<InetAddress> parseIpv6(String h) {
        int zone = h.indexOf('%');
        String bare = zone >= 0 ? h.substring(0, zone) : h;
        if (!bare.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            // A string of hex digits, colons and dots is parsed as a literal, never looked up.
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * A dotted IPv4 literal of one to four parts, or empty. Scanned by hand: every check of a named
     * host passes here first, and splitting it or letting {@code Long.parseLong} throw on each label
     * cost more than the rest of the check's setup.
     */
    private static Optional<InetAddress> parseIpv4(String h) {
        int end = h.endsWith(".") ? h.length() - 1 : h.length();
        long[] values = new long[4];
        int parts = 0;
        int from = 0;
        while (true) {
            int dot = h.indexOf('.', from);
            int to = dot < 0 || dot > end ? end : dot;
            if (parts == 4) {
                return Optional.empty();
            }
            long v = number(h, from, to);
            if (v < 0) {
                return Optional.empty();
            }
            values[parts++] = v;
            if (to == end) {
                break;
            }
            from = to + 1;
        }
        long address = 0;
        int last = parts - 1;
        for (int i = 0; i < last; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
            address |= values[i] << (24 - 8 * i);
        }
        long tailMax = (1L << (8 * (4 - last))) - 1;
        if (values[last] > tailMax) {
            return Optional.empty();
        }
        address |= values[last];
        return Optional.of(v4(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address}));
    }

    /**
     * The part {@code h[from, to)} as inet_aton reads it: {@code 0x} then hex digits, {@code 0} then octal
     * digits, or decimal digits; no sign, at most 12 characters. -1 when it is not such a number.
     */
    private static long number(String h, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > 12) {
            return -1;
        }
        int radix = 10;
        int start = from;
        if (length >= 2 && h.charAt(from) == '0' && h.charAt(from + 1) == 'x') {
            radix = 16;
            start = from + 2;
        } else if (length > 1 && h.charAt(from) == '0') {
            radix = 8;
            start = from + 1;
        }
        long value = 0;
        for (int i = start; i < to; i++) {
            int digit = asciiDigit(h.charAt(i));
            if (digit < 0 || digit >= radix) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }

    /** The value of an ASCII digit or lower-case hex letter, else -1 (never another script's digits). */
    private static int asciiDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
