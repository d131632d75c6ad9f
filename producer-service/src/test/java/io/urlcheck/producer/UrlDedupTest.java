package io.urlcheck.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlDedupTest {

    @Test
    void recognizesRepeatsAcrossTableGrowth() {
        UrlDedup dedup = new DedupSets(1_000_000, Long.MAX_VALUE).newSet();
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
        UrlDedup dedup = new DedupSets(2, Long.MAX_VALUE).newSet();
        assertThat(dedup.firstTime("a")).isTrue();
        assertThat(dedup.firstTime("b")).isTrue();
        assertThat(dedup.firstTime("c")).isTrue();
        assertThat(dedup.firstTime("c")).as("not remembered past the cap").isTrue();
        assertThat(dedup.firstTime("a")).isFalse();
        assertThat(dedup.size()).isEqualTo(2);
        assertThat(dedup.saturated()).isTrue();
    }

    @Test
    void setsSharingABudgetStopRememberingWhenItIsSpentAndClosedSetsGiveItBack() {
        DedupSets sets = new DedupSets(1_000_000, 1536 * Long.BYTES);
        UrlDedup first = sets.newSet();
        for (int i = 0; i < 700; i++) {
            first.firstTime("http://first.example/" + i);
        }
        assertThat(first.saturated()).isFalse();
        assertThat(sets.usedBytes()).isEqualTo(1024 * Long.BYTES);

        UrlDedup second = sets.newSet();
        for (int i = 0; i < 200; i++) {
            assertThat(second.firstTime("http://second.example/" + i)).isTrue();
        }
        assertThat(second.size()).as("256 slots, and 512 more would pass the budget").isEqualTo(193);
        assertThat(second.saturated()).isTrue();
        assertThat(second.firstTime("http://second.example/0")).as("what it remembers, it still knows").isFalse();
        assertThat(second.firstTime("http://second.example/199")).as("not remembered, so not a repeat").isTrue();
        assertThat(sets.usedBytes()).isEqualTo((1024 + 256) * Long.BYTES);

        first.close();
        second.close();
        assertThat(sets.usedBytes()).isZero();
        UrlDedup third = sets.newSet();
        for (int i = 0; i < 700; i++) {
            third.firstTime("http://third.example/" + i);
        }
        assertThat(third.saturated()).isFalse();
        third.close();
        assertThat(sets.usedBytes()).isZero();
    }
}
