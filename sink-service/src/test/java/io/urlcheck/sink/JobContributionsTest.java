package io.urlcheck.sink;

import io.urlcheck.contract.JobTotals;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobContributionsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final String JOB = "intake-2026-11-23";

    static JobTotals part(String contributor, long accepted, long duplicates, boolean complete, Instant updatedAt) {
        return new JobTotals(JobTotals.SCHEMA_VERSION, JOB, accepted + duplicates + 1, accepted, 0, duplicates, 1, complete,
                updatedAt.minusSeconds(5), updatedAt, contributor, true);
    }

    @Test
    void theJobsTotalsAreTheSumOfEachContributorsLatest() {
        JobContributions c = new JobContributions();
        c.put(part("pod-a.1", 10, 1, false, T0));
        c.put(part("pod-b.1", 20, 2, false, T0.plusSeconds(1)));
        c.put(part("pod-a.1", 15, 1, false, T0.plusSeconds(2)));

        JobTotals sum = c.merged();

        assertThat(sum.accepted()).isEqualTo(35);
        assertThat(sum.duplicates()).isEqualTo(3);
        assertThat(sum.submitted()).isEqualTo(sum.accepted() + sum.rejected() + sum.duplicates() + sum.skipped()).isEqualTo(40);
        assertThat(sum.contributor()).isNull();
        assertThat(sum.openEnded()).isTrue();
        assertThat(sum.startedAt()).as("pod-b started first").isEqualTo(T0.minusSeconds(4));
        assertThat(sum.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aRestartedProducerAddsToTheSumInsteadOfResettingIt() {
        JobContributions c = new JobContributions();
        c.put(part("pod-a-11111111.1", 50, 0, true, T0));
        c.put(part("pod-a-22222222.1", 3, 0, false, T0.plusSeconds(60)));

        assertThat(c.merged().accepted()).isEqualTo(53);
    }

    @Test
    void anOlderRecordOfAContributorNeverReplacesItsNewerTotals() {
        JobContributions c = new JobContributions();
        c.put(part("pod-a.1", 15, 0, false, T0.plusSeconds(2)));

        boolean kept = c.put(part("pod-a.1", 10, 0, false, T0));

        assertThat(kept).isFalse();
        assertThat(c.merged().accepted()).isEqualTo(15);
    }

    @Test
    void theJobIsCompleteOnlyOnceEveryContributorIs() {
        JobContributions c = JobContributions.of(List.of(part("pod-a.1", 1, 0, true, T0), part("pod-b.1", 1, 0, false, T0)));
        assertThat(c.merged().complete()).isFalse();

        c.put(part("pod-b.1", 2, 0, true, T0.plusSeconds(1)));
        assertThat(c.merged().complete()).isTrue();
    }

    @Test
    void aWholeJobsTotalsWithoutContributorReplaceEachOtherAsBefore() {
        JobContributions c = new JobContributions();
        c.put(new JobTotals(1, "nightly", 5, 5, 0, 0, 0, false, T0, T0));
        c.put(new JobTotals(1, "nightly", 10, 9, 1, 0, 0, true, T0, T0.plusSeconds(1)));

        assertThat(c.parts()).hasSize(1);
        assertThat(c.merged()).isEqualTo(new JobTotals(1, "nightly", 10, 9, 1, 0, 0, true, T0, T0.plusSeconds(1)));
        assertThat(c.merged().openEnded()).isFalse();
    }

    @Test
    void aResubmittedWholeJobReplacesItsTotalsEvenWhenItsProducersClockIsBehind() {
        JobContributions c = new JobContributions();
        c.put(new JobTotals(1, "nightly", 300, 300, 0, 0, 0, false, T0, T0.plusSeconds(60)));
        c.put(new JobTotals(1, "nightly", 600, 600, 0, 0, 0, true, T0, T0.plusSeconds(30)));

        assertThat(c.merged().submitted()).isEqualTo(600);
    }

    @Test
    void noContributionsNoTotals() {
        assertThat(new JobContributions().merged()).isNull();
    }
}
