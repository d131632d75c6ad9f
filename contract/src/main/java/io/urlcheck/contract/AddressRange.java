package io.urlcheck.contract;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address range as urlcheck's configuration spells it: the worker's {@code allow-cidrs} and {@code deny-cidrs},
 * and the launcher's {@code --allow-cidr} and {@code --deny-cidr}, which become them. {@code a.b.c.d/n} with four
 * plain decimal parts, an IPv6 literal {@code /n}, or a bare address, which is that one host. An IPv4-mapped or
 * IPv4-compatible IPv6 range ({@code ::ffff:a.b.c.d/n}, n from 96) is the IPv4 range {@code a.b.c.d/(n-96)}, because
 * the worker compares addresses in their {@link #canonical} form. The host bits of the network are cleared.
 *
 * <p>Stricter than a host in a URL, which the worker reads as a C resolver does ({@code 10.1}, {@code 0177.0.0.1}):
 * read that way, {@code 10/8} would be 0.0.0.0/8, {@code 10.96/12} would be 10.0.0.0/12 and {@code 010.0.0.0/8}
 * would be 8.0.0.0/8, a deny rule that leaves the range it names open. A range is refused unless its spelling
 * means what it says.
 */
public record AddressRange(byte[] network, int prefix, String label) {

    private static final Pattern RANGE = Pattern.compile("([0-9A-Fa-f:.]+)(?:/(\\d{1,3}))?");
    private static final Pattern IPV4_PART = Pattern.compile("0|[1-9]\\d{0,2}");

    /**
     * The range {@code text} spells (surrounding white space ignored); an {@link IllegalArgumentException} saying
     * what is wrong, such as {@code 300 is not an IPv4 address part (0 to 255)}, for anything else.
     */
    public static AddressRange parse(String text) {
        String t = text.strip();
        Matcher m = RANGE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("expects an address range such as 127.0.0.0/8 or fc00::/7");
        }
        String spelled = m.group(1);
        Integer prefix = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        if (spelled.indexOf(':') < 0) {
            byte[] address = ipv4(spelled);
            int bits = checkPrefix(prefix, 0, 32, "IPv4");
            return new AddressRange(mask(address, bits), bits, t);
        }
        InetAddress address = canonical(ipv6(spelled));
        if (address instanceof Inet4Address) { // ::ffff:a.b.c.d/n covers the IPv4 range a.b.c.d/(n-96)
            int bits = checkPrefix(prefix, 96, 128, "IPv4-mapped IPv6") - 96;
            return new AddressRange(mask(address.getAddress(), bits), bits, t);
        }
        int bits = checkPrefix(prefix, 0, 128, "IPv6");
        return new AddressRange(mask(address.getAddress(), bits), bits, t);
    }

    /**
     * {@code address} with its IPv4-mapped ({@code ::ffff:a.b.c.d}) and IPv4-compatible IPv6 forms turned into the
     * IPv4 address they carry, so that one address has one spelling when it is compared with a range.
     */
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
            try {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
        }
        return address;
    }

    /** True when the address bytes {@code a}, of an address in {@link #canonical} form, lie in this range; allocates nothing. */
    public boolean containsBytes(byte[] a) {
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            if (keep == 0) {
                return true;
            }
            if ((a[i] & (0xff00 >> keep) & 0xff) != (network[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ipv4(String spelled) {
        String[] parts = spelled.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has four parts, such as 10.0.0.0");
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!IPV4_PART.matcher(part).matches() || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException((part.isEmpty() ? "an empty part" : part) + " is not an IPv4 address part (0 to 255)");
            }
            address[i] = (byte) Integer.parseInt(part);
        }
        return address;
    }

    /**
     * The address an IPv6 literal spells. {@link InetAddress#getByName} parses a string with a colon that starts
     * with a hex digit or a colon as a literal and never looks it up; anything else is refused before it could be.
     */
    private static InetAddress ipv6(String spelled) {
        if (Character.digit(spelled.charAt(0), 16) < 0 && spelled.charAt(0) != ':') {
            throw new IllegalArgumentException("not an IPv6 address");
        }
        try {
            return InetAddress.getByName(spelled);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address", e);
        }
    }

    /** The prefix, the whole address when none is given; refused outside {@code min} to {@code max}. */
    private static int checkPrefix(Integer prefix, int min, int max, String family) {
        if (prefix == null) {
            return max;
        }
        if (prefix < min || prefix > max) {
            throw new IllegalArgumentException("the prefix of an " + family + " range is " + min + " to " + max);
        }
        return prefix;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] = (byte) (out[i] & (0xff00 >> keep));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return label;
    }
}
