package io.urlcheck.worker.address;

import io.urlcheck.contract.AddressRange;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSRF guard: which resolved addresses a check may connect to. Blocked by default: every range
 * in {@link #BLOCKED}. An address is allowed only if no blocked range holds it, or an allow range
 * (from {@code urlcheck.worker.allow-cidrs}) holds it; an allow range opens exactly the addresses it
 * lists, so allowing 127.0.0.0/8 opens nothing in 10.0.0.0/8 or 169.254.0.0/16. A deny range (from
 * {@code urlcheck.worker.deny-cidrs}) blocks what the built-in list cannot know, such as a cluster on public
 * addresses, and wins over an allow range: allowing 10.0.0.0/8 and denying 10.96.0.0/12 opens the rest of
 * 10.0.0.0/8 only.
 */
public final class AddressPolicy {

    /**
     * The built-in block list, each range with why it is blocked, in the order they are tried (specific
     * ranges first, so a refusal names the narrowest reason). IPv4: every special-purpose range of the
     * IANA registry that is not globally reachable, plus the documentation nets and the retired 6to4
     * relay anycast. IPv6: only global unicast (2000::/3) is reachable at all; inside it, the ranges
     * that embed or translate an IPv4 address (NAT64, 6to4, Teredo), IETF protocol assignments and
     * documentation are blocked too, so no IPv6 spelling reaches a blocked IPv4 address.
     */
    public static final Map<String, String> BLOCKED = ordered(
            "0.0.0.0/8", "this-network (0.0.0.0)",
            "10.0.0.0/8", "private (RFC 1918)",
            "100.64.0.0/10", "carrier-grade NAT",
            "127.0.0.0/8", "loopback",
            "169.254.0.0/16", "link-local (cloud metadata)",
            "172.16.0.0/12", "private (RFC 1918)",
            "192.0.0.0/24", "IETF protocol assignments",
            "192.0.2.0/24", "documentation (TEST-NET-1)",
            "192.88.99.0/24", "6to4 relay anycast (retired)",
            "192.168.0.0/16", "private (RFC 1918)",
            "198.18.0.0/15", "benchmarking",
            "198.51.100.0/24", "documentation (TEST-NET-2)",
            "203.0.113.0/24", "documentation (TEST-NET-3)",
            "224.0.0.0/4", "multicast",
            "240.0.0.0/4", "reserved and broadcast",
            "::/128", "unspecified",
            "::1/128", "loopback",
            "::ffff:0:0:0/96", "IPv4-translated (SIIT, could reach any IPv4 range)",
            "64:ff9b::/96", "NAT64 (could reach any IPv4 range)",
            "64:ff9b:1::/48", "local-use NAT64 (could reach any IPv4 range)",
            "100::/64", "discard-only",
            "2001::/32", "Teredo (embeds IPv4 addresses)",
            "2001:2::/48", "benchmarking",
            "2001::/23", "IETF protocol assignments",
            "2001:db8::/32", "documentation",
            "2002::/16", "6to4 (embeds an IPv4 address)",
            "3fff::/20", "documentation",
            "fc00::/7", "unique-local",
            "fe80::/10", "link-local",
            "fec0::/10", "site-local",
            "ff00::/8", "multicast",
            "::/3", "not global unicast (outside 2000::/3)",
            "4000::/2", "not global unicast (outside 2000::/3)",
            "8000::/1", "not global unicast (outside 2000::/3)");

    private static final List<AddressRange> BLOCKED_RANGES = BLOCKED.keySet().stream().map(AddressRange::parse).toList();

    private final List<AddressRange> allowed;
    private final List<AddressRange> denied;

    private AddressPolicy(List<AddressRange> allowed, List<AddressRange> denied) {
        this.allowed = List.copyOf(allowed);
        this.denied = List.copyOf(denied);
    }

    /** The default policy with {@code allowCidrs} opened; a malformed range fails here, at startup. */
    public static AddressPolicy allowing(List<String> allowCidrs) {
        return of(allowCidrs, List.of());
    }

    /**
     * The default policy with {@code allowCidrs} opened and {@code denyCidrs} closed, deny winning; a malformed range
     * fails here, at startup.
     */
    public static AddressPolicy of(List<String> allowCidrs, List<String> denyCidrs) {
        return new AddressPolicy(ranges("urlcheck.worker.allow-cidrs", allowCidrs), ranges("urlcheck.worker.deny-cidrs", denyCidrs));
    }

    /** Empty when {@code address} may be connected to, else the reason it is blocked. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress canonical = AddressRange.canonical(address);
        byte[] bytes = canonical.getAddress();
        for (AddressRange range : denied) {
            if (range.containsBytes(bytes)) {
                return Optional.of(canonical.getHostAddress() + " is in denied range " + range
                        + " (urlcheck.worker.deny-cidrs)");
            }
        }
        for (AddressRange range : allowed) {
            if (range.containsBytes(bytes)) {
                return Optional.empty();
            }
        }
        for (AddressRange range : BLOCKED_RANGES) {
            if (range.containsBytes(bytes)) {
                return Optional.of(canonical.getHostAddress() + " is in blocked range " + range + " ("
                        + BLOCKED.get(range.label()) + ")");
            }
        }
        return Optional.empty();
    }

    /** Empty when every one of {@code addresses} may be connected to, else why the first blocked one is. */
    public Optional<String> firstRefusal(List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** The ranges of the setting {@code property}; one it cannot read fails naming the setting, the value and why. */
    private static List<AddressRange> ranges(String property, List<String> cidrs) {
        return cidrs.stream().filter(s -> !s.isBlank()).map(text -> {
            try {
                return AddressRange.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + " " + text.strip() + ": " + e.getMessage(), e);
            }
        }).toList();
    }

    private static Map<String, String> ordered(String... rangeThenReason) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < rangeThenReason.length; i += 2) {
            map.put(rangeThenReason[i], rangeThenReason[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
