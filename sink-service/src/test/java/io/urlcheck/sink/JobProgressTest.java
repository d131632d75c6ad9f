package io.urlcheck.sink;

import io.urlcheck.contract.JobTotals;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobProgressTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static JobTotals totals(long accepted, long rejected, boolean complete) {
        return new JobTotals(1, "j", accepted + rejected + 2, accepted, rejected, 1, 1, complete, T0, T0.plusSeconds(1));
    }

    @Test
    void anIncompleteJobIsNotDoneEvenWhenEveryKnownUrlIsChecked() {
        var p = JobProgress.of(new JobStats("j", totals(10, 0, false), 10, Map.of(), T0, T0.plusSeconds(5)), T0.plusSeconds(10));
        assertThat(p.done()).isFalse();
        assertThat(p.remaining()).isZero();
        assertThat(p.etaSeconds()).isNull();
    }

    @Test
    void rateAndEtaFollowFromCheckedSinceStart() {
        var p = JobProgress.of(new JobStats("j", totals(90, 10, true), 50, Map.of("OK", 50L), T0.plusSeconds(1), T0.plusSeconds(9)),
                T0.plusSeconds(10));
        assertThat(p.expected()).isEqualTo(100);
        assertThat(p.remaining()).isEqualTo(50);
        assertThat(p.ratePerSecond()).isEqualTo(5.0);
        assertThat(p.etaSeconds()).isEqualTo(10);
        assertThat(p.done()).isFalse();
        assertThat(p.submitted()).isEqualTo(102);
    }

    @Test
    void aDoneJobsRateStopsAtItsLastResult() {
        var p = JobProgress.of(new JobStats("j", totals(4, 0, true), 4, Map.of(), T0, T0.plusSeconds(2)), T0.plusSeconds(3600));
        assertThat(p.done()).isTrue();
        assertThat(p.ratePerSecond()).isEqualTo(2.0);
        assertThat(p.etaSeconds()).isZero();
        assertThat(p.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void resultsBeforeTotalsMakeAJobWithNothingExpectedYet() {
        var p = JobProgress.of(new JobStats("j", null, 3, Map.of("OK", 3L), T0, T0.plusSeconds(1)), T0.plusSeconds(2));
        assertThat(p.expected()).isZero();
        assertThat(p.complete()).isFalse();
        assertThat(p.done()).isFalse();
        assertThat(p.startedAt()).isEqualTo(T0);
    }

    @Test
    void anOpenEndedJobSaysSoInsteadOfLookingIncomplete() {
        JobTotals intake = new JobTotals(1, "intake-2025-01-01", 60, 51, 0, 9, 0, false, T0, T0.plusSeconds(1), null, true);

        var p = JobProgress.of(new JobStats(intake.jobId(), intake, 51, Map.of("OK", 51L), T0, T0.plusSeconds(5)), T0.plusSeconds(10));

        assertThat(p.openEnded()).isTrue();
        assertThat(p.submitted()).isEqualTo(60);
        assertThat(p.expected()).isEqualTo(51);
        assertThat(p.remaining()).isZero();
        assertThat(p.complete()).as("more may come").isFalse();
        assertThat(p.done()).isFalse();
        assertThat(p.etaSeconds()).as("no end, so no ETA").isNull();
    }

    @Test
    void anOpenEndedJobIsDoneOnceEveryContributorClosedItsPartAndAllIsChecked() {
        JobTotals closed = new JobTotals(1, "intake-2025-01-01", 60, 51, 0, 9, 0, true, T0, T0.plusSeconds(1), null, true);

        var p = JobProgress.of(new JobStats(closed.jobId(), closed, 51, Map.of("OK", 51L), T0, T0.plusSeconds(5)), T0.plusSeconds(10));

        assertThat(p.openEnded()).isTrue();
        assertThat(p.done()).isTrue();
    }
}
