package io.urlcheck.apiguard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {

    private final AllowedHosts loopback = AllowedHosts.of(List.of("localhost", " 127.0.0.1", "[::1]", ""));

    @Test
    void aListedNameIsAdmittedWithAnyPortAndInAnyCase() {
        assertThat(loopback.admits("localhost")).isTrue();
        assertThat(loopback.admits("LocalHost:18083")).isTrue();
        assertThat(loopback.admits("127.0.0.1:18081")).isTrue();
        assertThat(loopback.admits("[::1]:18083")).isTrue();
    }

    @Test
    void aRebindingPagesOwnNameAndLookAlikesAreNot() {
        assertThat(loopback.admits("evil.example:18083")).isFalse();
        assertThat(loopback.admits("localhost.evil.example")).isFalse();
        assertThat(loopback.admits("127.0.0.1.nip.io:18083")).isFalse();
        assertThat(loopback.admits("127.0.0.2")).isFalse();
        assertThat(loopback.admits("localhost:18083:1")).isFalse();
        assertThat(loopback.admits("")).isFalse();
        assertThat(loopback.admits(null)).isFalse();
    }
}
