package io.urlcheck.worker;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSRF guard: which resolved addresses a check may connect to. Blocked by default: every range
 * in {@link #BLOCKED}. An address is allowed only if no blocked range holds it, or an allow range
 * (from {@code urlcheck.worker.allow-cidrs}) holds it; an allow range opens exactly the addresses it
 * lists, so allowing 127.0.0.0/8 opens nothing in 10.0.0.0/8 or 169.254.0.0/16.
 */
public final class AddressPolicy {

    /** The built-in block list, each range with why it is blocked. */
    public static final Map<String, String> BLOCKED = Map.ofEntries(
            Map.entry("0.0.0.0/8", "this-network (0.0.0.0)"),
            Map.entry("10.0.0.0/8", "private (RFC 1918)"),
            Map.entry("100.64.0.0/10", "carrier-grade NAT"),
            Map.entry("127.0.0.0/8", "loopback"),
            Map.entry("169.254.0.0/16", "link-local (cloud metadata)"),
            Map.entry("172.16.0.0/12", "private (RFC 1918)"),
            Map.entry("192.0.0.0/24", "IETF protocol assignments"),
            Map.entry("192.168.0.0/16", "private (RFC 1918)"),
            Map.entry("198.18.0.0/15", "benchmarking"),
            Map.entry("224.0.0.0/4", "multicast"),
            Map.entry("240.0.0.0/4", "reserved and broadcast"),
            Map.entry("::/128", "unspecified"),
            Map.entry("::1/128", "loopback"),
            Map.entry("fc00::/7", "unique-local"),
            Map.entry("fe80::/10", "link-local"),
            Map.entry("fec0::/10", "site-local"),
            Map.entry("ff00::/8", "multicast"),
            Map.entry("64:ff9b::/96", "NAT64 (could reach any IPv4 range)"));

    private static final List<Cidr> BLOCKED_RANGES = BLOCKED.keySet().stream().map(Cidr::parse).toList();

    private final List<Cidr> allowed;

    private AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The default policy with {@code allowCidrs} opened; a malformed range fails here, at startup. */
    public static AddressPolicy allowing(List<String> allowCidrs) {
        return new AddressPolicy(allowCidrs.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    /** Empty when {@code address} may be connected to, else the reason it is blocked. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress canonical = IpLiteral.canonical(address);
        if (allowed.stream().anyMatch(range -> range.contains(canonical))) {
            return Optional.empty();
        }
        return BLOCKED_RANGES.stream()
                .filter(range -> range.contains(canonical))
                .findFirst()
                .map(range -> canonical.getHostAddress() + " is in blocked range " + range + " ("
                        + BLOCKED.get(range.label()) + ")");
    }

    /** The allow ranges in force. */
    public List<Cidr> allowed() {
        return allowed;
    }
}
