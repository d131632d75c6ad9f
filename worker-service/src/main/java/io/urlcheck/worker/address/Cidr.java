package io.urlcheck.worker.address;

import java.net.InetAddress;
import java.util.Arrays;

/** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}; host bits of the network are cleared. */
public record Cidr(byte[] network, int prefix, String label) {

    /** Parses {@code a.b.c.d/n} or {@code ipv6/n} (a bare address means a single host); throws on anything else. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addressPart = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("not a CIDR range: '" + text + "'"));
        boolean mapped = addressPart.indexOf(':') >= 0 && address.getAddress().length == 4;
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: '" + text + "'", e);
        }
        if (mapped) {
            prefix -= 96; // ::ffff:a.b.c.d/n covers the IPv4 range a.b.c.d/(n-96)
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix out of range in '" + text + "'");
        }
        return new Cidr(mask(address.getAddress(), prefix), prefix, t);
    }

    /** True when {@code address} (in canonical form, see {@link IpLiteral#canonical}) lies in this range. */
    public boolean contains(InetAddress address) {
        return containsBytes(IpLiteral.canonical(address).getAddress());
    }

    /** True when the canonical address bytes {@code a} lie in this range; allocates nothing (every hop asks). */
    boolean containsBytes(byte[] a) {
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
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
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
