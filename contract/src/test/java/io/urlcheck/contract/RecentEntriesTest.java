package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentEntriesTest {

    @Test
    void puttingPastTheCapacityDropsTheOldestEntry() {
        RecentEntries<String, Integer> recent = new RecentEntries<>(2);
        recent.put("a", 1);
        recent.put("b", 2);
        recent.put("c", 3);
        assertThat(recent).containsExactly(Map.entry("b", 2), Map.entry("c", 3));
    }

    @Test
    void aKeyPutAsNewestAgainOutlivesOnesPutAfterItFirstWas() {
        RecentEntries<String, Integer> recent = new RecentEntries<>(2);
        recent.put("a", 1);
        recent.put("b", 2);
        recent.putNewest("a", 10);
        recent.put("c", 3);
        assertThat(recent).containsExactly(Map.entry("a", 10), Map.entry("c", 3));
    }

    @Test
    void aCapacityOfZeroRemembersNothing() {
        RecentEntries<String, Integer> recent = new RecentEntries<>(0);
        recent.putNewest("a", 1);
        assertThat(recent).isEmpty();
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThatThrownBy(() -> new RecentEntries<>(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
