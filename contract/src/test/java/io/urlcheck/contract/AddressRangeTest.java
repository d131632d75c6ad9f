package io.urlcheck.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule by which the worker's settings and the launcher's options read an address range. */
class AddressRangeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10/8           | an IPv4 address has four parts, such as 10.0.0.0",
            "10.96/12       | an IPv4 address has four parts, such as 10.0.0.0",
            "1.2.3/8        | an IPv4 address has four parts, such as 10.0.0.0",
            "010.0.0.0/8    | 010 is not an IPv4 address part (0 to 255)",
            "0x0a.0.0.0/8   | expects an address range such as 127.0.0.0/8 or fc00::/7",
            "300.0.0.0/8    | 300 is not an IPv4 address part (0 to 255)",
            "10..0.0/8      | an empty part is not an IPv4 address part (0 to 255)",
            "127.0.0.0/33   | the prefix of an IPv4 range is 0 to 32",
            "fc00::/129     | the prefix of an IPv6 range is 0 to 128",
            "fc00:::1/64    | not an IPv6 address",
            "::ffff:10.0.0.0/8 | the prefix of an IPv4-mapped IPv6 range is 96 to 128",
            "loopback       | expects an address range such as 127.0.0.0/8 or fc00::/7",
            "10.0.0.0/x     | expects an address range such as 127.0.0.0/8 or fc00::/7",
    })
    void aSpellingThatCouldMeanAnotherRangeIsRefusedSayingWhy(String text, String why) {
        assertThatThrownBy(() -> AddressRange.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.96.0.0/12        | 10.96.0.1       | 10.112.0.1",
            "10.1.2.3/24         | 10.1.2.200      | 10.1.3.1",
            "127.0.0.2           | 127.0.0.2       | 127.0.0.3",
            "0.0.0.0/0           | 8.8.8.8         | ::1",
            "fc00::/7            | fd12::1         | fe80::1",
            "::ffff:10.0.0.0/104 | 10.1.1.1        | 11.0.0.1",
            "::ffff:10.0.0.0/104 | ::ffff:10.9.9.9 | ::ffff:11.0.0.1",
            " 192.168.0.0/16     | 192.168.4.4     | 192.169.0.1",
    })
    void aRangeHoldsTheAddressesItNamesAndNoOthers(String text, String inside, String outside) throws Exception {
        AddressRange range = AddressRange.parse(text);

        assertThat(range.containsBytes(canonical(inside))).as(inside).isTrue();
        assertThat(range.containsBytes(canonical(outside))).as(outside).isFalse();
    }

    @Test
    void theHostBitsOfTheNetworkAreClearedAndTheSpellingKept() {
        assertThat(AddressRange.parse("10.1.2.3/8")).isEqualTo(AddressRange.parse("10.0.0.0/8"))
                .hasToString("10.1.2.3/8");
        assertThat(AddressRange.parse("::ffff:10.0.0.0/104")).isEqualTo(AddressRange.parse("10.0.0.0/8"));
    }

    @Test
    void mappedAndCompatibleIpv6AddressesAreComparedAsTheIpv4TheyCarry() throws Exception {
        assertThat(AddressRange.canonical(InetAddress.getByName("::ffff:127.0.0.1")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(AddressRange.canonical(InetAddress.getByName("::10.0.0.1")).getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(AddressRange.canonical(InetAddress.getByName("::1")).getAddress()).hasSize(16);
        assertThat(AddressRange.canonical(InetAddress.getByName("2001:db8::1")).getAddress()).hasSize(16);
    }

    private static byte[] canonical(String literal) throws Exception {
        return AddressRange.canonical(InetAddress.getByName(literal)).getAddress();
    }
}
