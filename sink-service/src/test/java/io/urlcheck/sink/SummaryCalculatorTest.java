package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class SummaryCalculatorTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void percentilesFromCountsEqualNearestRankOverEveryValue() {
        Random random = new Random(7);
        long[] values = IntStream.range(0, 10_001).mapToLong(i -> (long) Math.exp(random.nextGaussian() + 4.5)).toArray();
        TreeMap<Long, Long> counts = new TreeMap<>();
        Arrays.stream(values).forEach(v -> counts.merge(v, 1L, Long::sum));
        long[] sorted = values.clone();
        Arrays.sort(sorted);

        assertThat(SummaryCalculator.latency(counts)).isEqualTo(new Summary.Latency(
                sorted[(int) Math.ceil(0.5 * sorted.length) - 1], sorted[(int) Math.ceil(0.9 * sorted.length) - 1],
                sorted[(int) Math.ceil(0.99 * sorted.length) - 1]));
    }

    @Test
    void slowestFloorLeavesAtLeastTenValuesAtOrAboveIt() {
        TreeMap<Long, Long> counts = new TreeMap<>();
        counts.put(5L, 100L);
        counts.put(50L, 4L);
        counts.put(60L, 0L); // a group that fell back to zero
        counts.put(70L, 3L);
        counts.put(90L, 2L);
        assertThat(SummaryCalculator.slowestFloor(counts)).isEqualTo(5L);
        counts.put(80L, 1L);
        assertThat(SummaryCalculator.slowestFloor(counts)).isEqualTo(50L);
        assertThat(SummaryCalculator.slowestFloor(new TreeMap<>())).isNull();
        assertThat(SummaryCalculator.slowestFloor(new TreeMap<>(java.util.Map.of(3L, 2L)))).isEqualTo(3L);
    }

    /** URL a failed, then OK in its next check; URL b OK. */
    private static final CheckResult A_FAILED = TestResults.failed("j", "http://h.test/a", Outcome.HTTP_ERROR, 500, 900L, T0);
    private static final CheckResult A_OK = TestResults.ok("j", "http://h.test/a", 12, T0.plusSeconds(1));
    private static final CheckResult B_OK = TestResults.ok("j", "http://h.test/b", 40, T0);

    @Test
    void replacingAResultUndoesEverythingItCounted() {
        SummaryCalculator calc = new SummaryCalculator();
        calc.add(B_OK);
        calc.replace(null, A_FAILED);
        calc.replace(A_FAILED, A_OK);

        SummaryCalculator fresh = new SummaryCalculator();
        fresh.add(B_OK);
        fresh.add(A_OK);
        assertThat(calc.result()).isEqualTo(fresh.result());
        assertThat(calc.result().failingHosts()).isEmpty();
        assertThat(calc.result().slowest()).containsExactly(new Summary.Slow("http://h.test/b", 40), new Summary.Slow("http://h.test/a", 12));
    }

    @Test
    void outcomeCountsFollowEachUrlsLatestResult() {
        SummaryCalculator calc = new SummaryCalculator();
        calc.add(B_OK);
        calc.replace(null, A_FAILED);
        assertThat(calc.outcomes()).containsExactly(entry("HTTP_ERROR", 1L), entry("OK", 1L));
        calc.replace(A_FAILED, A_OK);

        assertThat(calc.total()).isEqualTo(2);
        assertThat(calc.outcomes()).containsExactly(entry("OK", 2L));
        assertThat(calc.outcomes()).isEqualTo(calc.result().byOutcome());
    }
}
