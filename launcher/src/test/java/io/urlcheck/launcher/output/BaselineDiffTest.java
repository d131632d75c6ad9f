package io.urlcheck.launcher.output;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineDiffTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static BaselineDiff.Entry result(String url, String outcome) {
        return new BaselineDiff.Entry(url, outcome, T0);
    }

    @Test
    void okThenFailingIsBrokenAndFailingThenOkIsRecovered() {
        BaselineDiff diff = BaselineDiff.compare(
                List.of(result("http://a/", "OK"), result("http://b/", "TIMEOUT")),
                List.of(result("http://a/", "HTTP_ERROR"), result("http://b/", "OK")));

        assertThat(diff.broken()).containsExactly(new BaselineDiff.Change("http://a/", "OK", "HTTP_ERROR"));
        assertThat(diff.recovered()).containsExactly(new BaselineDiff.Change("http://b/", "TIMEOUT", "OK"));
        assertThat(diff.anyBroken()).isTrue();
    }

    @Test
    void aUrlFailingThenAndNowIsStillFailingNotBroken() {
        BaselineDiff diff = BaselineDiff.compare(
                List.of(result("http://a/", "HTTP_ERROR"), result("http://ok/", "OK")),
                List.of(result("http://a/", "TIMEOUT"), result("http://ok/", "OK")));

        assertThat(diff.broken()).isEmpty();
        assertThat(diff.anyBroken()).isFalse();
        assertThat(diff.stillFailing()).containsExactly(new BaselineDiff.Change("http://a/", "HTTP_ERROR", "TIMEOUT"));
        assertThat(diff.stillOk()).isEqualTo(1);
    }

    @Test
    void newAndGoneUrlsAreCountedButNeverBroken() {
        BaselineDiff diff = BaselineDiff.compare(
                List.of(result("http://gone/", "OK")),
                List.of(result("http://new/", "HTTP_ERROR"), result("http://new2/", "OK")));

        assertThat(diff.broken()).isEmpty();
        assertThat(diff.recovered()).isEmpty();
        assertThat(diff.added()).isEqualTo(2);
        assertThat(diff.gone()).isEqualTo(1);
    }

    @Test
    void skippedOnEitherSideIsNeitherBrokenNorRecovered() {
        BaselineDiff diff = BaselineDiff.compare(
                List.of(result("http://a/", "OK"), result("http://b/", "SKIPPED"), result("http://c/", "TIMEOUT")),
                List.of(result("http://a/", "SKIPPED"), result("http://b/", "HTTP_ERROR"), result("http://c/", "SKIPPED")));

        assertThat(diff.broken()).isEmpty();
        assertThat(diff.recovered()).isEmpty();
        assertThat(diff.stillFailing()).isEmpty();
        assertThat(diff.skipped()).isEqualTo(3);
    }

    @Test
    void outcomesThisLauncherDoesNotKnowStillCompareByName() {
        BaselineDiff diff = BaselineDiff.compare(
                List.of(result("http://a/", "OK")), List.of(result("http://a/", "SOME_FUTURE_FAILURE")));

        assertThat(diff.broken()).containsExactly(new BaselineDiff.Change("http://a/", "OK", "SOME_FUTURE_FAILURE"));
    }

    @Test
    void ofDuplicateUrlsTheNewestByCheckedAtCounts() {
        List<BaselineDiff.Entry> baseline = List.of(
                new BaselineDiff.Entry("http://a/", "OK", T0.plusSeconds(60)),
                new BaselineDiff.Entry("http://a/", "TIMEOUT", T0),
                new BaselineDiff.Entry("http://b/", "OK", null),
                new BaselineDiff.Entry("http://b/", "HTTP_ERROR", T0));

        BaselineDiff diff = BaselineDiff.compare(baseline,
                List.of(result("http://a/", "HTTP_ERROR"), result("http://b/", "OK")));

        assertThat(diff.broken()).as("newest a was OK").containsExactly(
                new BaselineDiff.Change("http://a/", "OK", "HTTP_ERROR"));
        assertThat(diff.recovered()).as("a dated result beats an undated one").containsExactly(
                new BaselineDiff.Change("http://b/", "HTTP_ERROR", "OK"));
        assertThat(diff.gone()).isZero();
    }
}
