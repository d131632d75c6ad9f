package io.urlcheck.apiguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class LocalOnlyTest {

    private static final InetAddress LOOPBACK = address("127.0.0.1");

    @Test
    void aLocalCallerOfTheLauncherKindIsServed() {
        assertThat(LocalOnly.refusal(post("127.0.0.1:8081", null, "text/plain; charset=utf-8", "launcher"))).isEmpty();
        assertThat(LocalOnly.refusal(post("localhost:8081", null, "application/json", null))).isEmpty();
        assertThat(LocalOnly.refusal(post("[::1]:8081", null, "text/uri-list", null))).isEmpty();
        assertThat(LocalOnly.refusal(get("localhost:8083", "http://localhost:8083", "same-origin"))).isEmpty();
    }

    @Test
    void aPeerOffThisMachineIsRefused() {
        LocalOnly.Request remote = new LocalOnly.Request(address("192.0.2.7"), "GET", "127.0.0.1:8083", null, null, null, null);
        assertThat(LocalOnly.refusal(remote)).hasValueSatisfying(r -> assertThat(r).contains("on this machine"));
        assertThat(LocalOnly.refusal(new LocalOnly.Request(null, "GET", "127.0.0.1", null, null, null, null))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example:8081", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io:8081",
            "localhost.", "127.1", "2130706433", "[::ffff:7f00:1]x", "10.0.0.1:8081", ""})
    void aForeignHostIsRefusedAsADnsRebindingPageWouldSendIt(String host) {
        assertThat(LocalOnly.refusal(get(host, null, null))).as(host).isPresent();
    }

    @Test
    void aMissingHostIsRefused() {
        assertThat(LocalOnly.refusal(get(null, null, null))).isPresent();
    }

    @Test
    void aForeignOriginOrACrossSiteFetchIsRefused() {
        assertThat(LocalOnly.refusal(post("127.0.0.1:8081", "http://evil.example", "application/json", "x"))).isPresent();
        assertThat(LocalOnly.refusal(post("127.0.0.1:8081", "null", "application/json", "x"))).isPresent();
        assertThat(LocalOnly.refusal(post("127.0.0.1:8081", "http://localhost:3000", "application/json", "x"))).isPresent();
        assertThat(LocalOnly.refusal(new LocalOnly.Request(LOOPBACK, "GET", "127.0.0.1:8083", null, "cross-site", null, null)))
                .isPresent();
        assertThat(LocalOnly.refusal(new LocalOnly.Request(LOOPBACK, "GET", "127.0.0.1:8083", null, "same-site", null, null)))
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "TEXT/PLAIN;charset=utf-8", " text/plain ", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", ""})
    void aBodyAFormCouldSendNeedsTheClientHeader(String contentType) {
        assertThat(LocalOnly.refusal(post("127.0.0.1:8081", null, contentType, null))).as(contentType)
                .hasValueSatisfying(r -> assertThat(r).contains("X-Urlcheck-Client"));
        assertThat(LocalOnly.refusal(post("127.0.0.1:8081", null, contentType, "curl"))).as(contentType).isEmpty();
    }

    @Test
    void aPostWithoutAContentTypeNeedsTheClientHeader() {
        assertThat(LocalOnly.refusal(post("127.0.0.1:8081", null, null, null))).isPresent();
    }

    @Test
    void acceptsLoopbackHostSpellings() {
        assertThat(LocalOnly.isLoopbackHost("LOCALHOST:1")).isTrue();
        assertThat(LocalOnly.isLoopbackHost("127.0.0.2")).isTrue();
        assertThat(LocalOnly.isLoopbackHost("[0:0:0:0:0:0:0:1]:8083")).isTrue();
    }

    private static LocalOnly.Request post(String host, String origin, String contentType, String client) {
        return new LocalOnly.Request(LOOPBACK, "POST", host, origin, null, contentType, client);
    }

    private static LocalOnly.Request get(String host, String origin, String fetchSite) {
        return new LocalOnly.Request(LOOPBACK, "GET", host, origin, fetchSite, null, null);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
