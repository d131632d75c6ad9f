package io.urlcheck.worker.address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressPolicyTest {

    private final AddressPolicy defaults = AddressPolicy.allowing(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "239.1.1.1",
            "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"})
    void blocksPrivateAndSpecialRangesByDefault(String address) {
        assertThat(defaults.refusal(literal(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String address) {
        assertThat(defaults.refusal(literal(address))).isEmpty();
    }

    /** IPv6 ranges that embed or translate IPv4, and the rest of the non-global IPv6 space, are refused. */
    @ParameterizedTest
    @ValueSource(strings = {
            "64:ff9b:1::a9fe:a9fe",         // local-use NAT64 (RFC 8215) of 169.254.169.254
            "64:ff9b::7f00:1",              // well-known NAT64 of 127.0.0.1
            "2002:a9fe:a9fe::1",            // 6to4 of 169.254.169.254
            "2002:7f00:1::",                // 6to4 of 127.0.0.1
            "2002:808:808::1",              // 6to4 of a public address: 6to4 is retired, the whole range is blocked
            "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
            "2001:2::1",                    // benchmarking
            "2001:10::1",                   // ORCHID, inside the IETF protocol assignments 2001::/23
            "2001:db8::1",                  // documentation
            "3fff::1",                      // documentation (RFC 9637)
            "::ffff:0:7f00:1",              // IPv4-translated (SIIT) 127.0.0.1
            "::ffff:0:a9fe:a9fe",           // IPv4-translated (SIIT) 169.254.169.254
            "100::1",                       // discard-only
            "::2:3:4:5",                    // reserved ::/8, neither mapped nor compatible
            "5f00::1",                      // SRv6 SIDs, outside global unicast
            "4000::1", "a000::1", "fbff::1" // unassigned, outside global unicast
    })
    void blocksIpv6RangesThatEmbedIpv4AndEverythingOutsideGlobalUnicast(String address) {
        assertThat(defaults.refusal(literal(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "198.51.100.7", "203.0.113.200", "192.88.99.1"})
    void blocksIpv4DocumentationNetsAndTheRetired6to4Relay(String address) {
        assertThat(defaults.refusal(literal(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:4860:4860::8888", "2a00:1450:4001:82b::200e", "2620:4f:8000::1", "2001:200::1",
            "3ffe::1", "192.0.3.1", "198.51.101.1", "203.0.114.1", "::8.8.8.8"})
    void globalUnicastNextToTheBlockedRangesStaysAllowed(String address) {
        assertThat(defaults.refusal(literal(address))).as(address).isEmpty();
    }

    @Test
    void refusalNamesTheNarrowestRange() {
        assertThat(defaults.refusal(literal("2001:0:4136:e378::1"))).hasValueSatisfying(r -> assertThat(r).contains("2001::/32").contains("Teredo"));
        assertThat(defaults.refusal(literal("2002:a00:1::"))).hasValueSatisfying(r -> assertThat(r).contains("2002::/16").contains("6to4"));
        assertThat(defaults.refusal(literal("64:ff9b:1::1"))).hasValueSatisfying(r -> assertThat(r).contains("64:ff9b:1::/48"));
    }

    @Test
    void refusalNamesTheRangeAndWhy() {
        assertThat(defaults.refusal(literal("169.254.169.254")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("169.254.0.0/16").contains("metadata"));
    }

    @Test
    void allowingLoopbackDoesNotAllowPrivateOrMetadataRanges() {
        AddressPolicy loopback = AddressPolicy.allowing(List.of("127.0.0.0/8"));

        assertThat(loopback.refusal(literal("127.0.0.1"))).isEmpty();
        assertThat(loopback.refusal(literal("127.200.0.1"))).isEmpty();
        assertThat(loopback.refusal(literal("::ffff:127.0.0.1"))).isEmpty();
        assertThat(loopback.refusal(literal("10.0.0.1"))).isPresent();
        assertThat(loopback.refusal(literal("169.254.169.254"))).isPresent();
        assertThat(loopback.refusal(literal("0.0.0.0"))).isPresent();
        assertThat(loopback.refusal(literal("::1"))).isPresent();
        assertThat(loopback.refusal(literal("192.168.0.1"))).isPresent();
    }

    @Test
    void allowRangeWithHostBitsCoversOnlyItsNetwork() {
        AddressPolicy narrow = AddressPolicy.allowing(List.of("10.1.2.3/24"));

        assertThat(narrow.refusal(literal("10.1.2.200"))).isEmpty();
        assertThat(narrow.refusal(literal("10.1.3.1"))).isPresent();
    }

    @Test
    void singleAddressAllowCoversOnlyThatAddress() {
        AddressPolicy one = AddressPolicy.allowing(List.of("127.0.0.2"));

        assertThat(one.refusal(literal("127.0.0.2"))).isEmpty();
        assertThat(one.refusal(literal("127.0.0.1"))).isPresent();
    }

    @Test
    void denyRangeBlocksAPublicAddressTheBuiltInListAllows() {
        AddressPolicy cluster = AddressPolicy.of(List.of(), List.of("34.118.224.0/20"));

        assertThat(cluster.refusal(literal("34.118.230.7")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("34.118.224.0/20").contains("deny-cidrs"));
        assertThat(cluster.refusal(literal("::ffff:34.118.230.7"))).isPresent();
        assertThat(cluster.refusal(literal("34.118.240.1"))).isEmpty();
    }

    @Test
    void denyRangeWinsOverAWiderAllowRange() {
        AddressPolicy intranet = AddressPolicy.of(List.of("10.0.0.0/8"), List.of("10.96.0.0/12"));

        assertThat(intranet.refusal(literal("10.1.2.3"))).isEmpty();
        assertThat(intranet.refusal(literal("10.96.0.1"))).hasValueSatisfying(reason -> assertThat(reason).contains("denied"));
        assertThat(intranet.refusal(literal("10.111.255.255"))).isPresent();
    }

    @Test
    void malformedDenyRangeFailsAtStartup() {
        assertThatThrownBy(() -> AddressPolicy.of(List.of(), List.of("10.0.0.0/99"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRangeSpelledAsAResolverWouldReadAHostFailsAtStartupInsteadOfCoveringAnotherRange() {
        // As a host, 10.96 is 10.0.0.96: denying "10.96/12" would have blocked 10.0.0.0/12 and left 10.96.0.0/12 open.
        assertThatThrownBy(() -> AddressPolicy.of(List.of(), List.of("10.96/12")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("urlcheck.worker.deny-cidrs 10.96/12: an IPv4 address has four parts, such as 10.0.0.0");
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("010.0.0.0/8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("urlcheck.worker.allow-cidrs 010.0.0.0/8: 010 is not an IPv4 address part (0 to 255)");
    }

    @Test
    void malformedAllowRangeFailsAtStartup() {
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("127.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of("loopback"))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001", "127.1", "017700000001", "[::ffff:127.0.0.1]",
            "[::1]", "0", "0.0.0.0", "169.254.43518", "0xa9fea9fe", "0X7F.0.0.1", "127.0.0.1.", "0x.0.0.0"})
    void obfuscatedLiteralsOfBlockedAddressesAreRecognized(String host) {
        InetAddress address = IpLiteral.parse(host).orElseThrow();
        assertThat(defaults.refusal(address)).as(host + " -> " + address.getHostAddress()).isPresent();
    }

    @Test
    void octalAndDecimalFormsMeanWhatAResolverMeans() {
        assertThat(IpLiteral.parse("0177.0.0.1").orElseThrow().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(IpLiteral.parse("2130706433").orElseThrow().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(IpLiteral.parse("::ffff:127.0.0.1").orElseThrow().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.2.3.4.5", "256.1.1.1", "09.1.1.1", "localhost", "a.0x1", "+127.0.0.1",
            "127.-0.0.1", "127..1", ".", "", "0x7g.0.0.1", "\u0661\u0662\u0667.0.0.1", "1234567890123"})
    void namesAreNotLiterals(String host) {
        assertThat(IpLiteral.parse(host)).isEmpty();
    }

    private static InetAddress literal(String address) {
        return IpLiteral.parse(address).orElseThrow(() -> new AssertionError("not a literal: " + address));
    }
}
