package io.urlcheck.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlDedupTest {

    @Test
    void recognizesRepeatsAcrossTableGrowth() {
        UrlDedup dedup = new UrlDedup(1_000_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(dedup.firstTime("http://h.example/" + i)).isTrue();
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(dedup.firstTime("http://h.example/" + i)).isFalse();
        }
        assertThat(dedup.size()).isEqualTo(100_000);
        assertThat(dedup.saturated()).isFalse();
    }

    @Test
    void pastTheCapRemembersNothingNewButStillKnowsTheOld() {
        UrlDedup dedup = new UrlDedup(2);
        assertThat(dedup.firstTime("a")).isTrue();
        assertThat(dedup.firstTime("b")).isTrue();
        assertThat(dedup.firstTime("c")).isTrue();
        assertThat(dedup.firstTime("c")).as("not remembered past the cap").isTrue();
        assertThat(dedup.firstTime("a")).isFalse();
        assertThat(dedup.size()).isEqualTo(2);
        assertThat(dedup.saturated()).isTrue();
    }
}
