package io.urlcheck.worker;

import java.net.Inet4Address;
import java.net.Inet6Address;
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

    /** {@code address} with IPv4-mapped ({@code ::ffff:a.b.c.d}) and IPv4-compatible IPv6 forms turned into IPv4. */
    public static InetAddress canonical(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && ((b[12] | b[13]) != 0 || (b[14] & 0xff) > 1);
        if (mapped || compatible) {
            return v4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        return address;
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

    private static Optional<InetAddress> parseIpv4(String h) {
        String s = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        String[] parts = s.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return Optional.empty();
            }
            values[i] = v;
        }
        long address = 0;
        int last = parts.length - 1;
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

    private static Long number(String part) {
        if (part.isEmpty() || part.length() > 12) {
            return null;
        }
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
