package io.urlcheck.producer;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.IntakeRecord;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.UrlNormalizer;
import io.urlcheck.contract.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntakeJobsTest {

    /** A clock the test moves by hand. */
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final List<CheckRequest> requests = outbox.requests;
    private final List<JobTotals> totals = outbox.totals;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T23:59:00Z"));
    private final JobRegistry registry = new JobRegistry(10);
    private final DedupSets dedupSets = new DedupSets(1000, 1 << 20);
    private final IntakeJobs jobs = new IntakeJobs(new UrlNormalizer(), dedupSets, 3, clock, registry, "pod-a-12345678");

    @Test
    void recordsWithoutAJobIdJoinTheStandingJobOfTheUtcDay() {
        jobs.accept(new IntakeRecord("http://a.example/", null), "0-1", outbox);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        jobs.accept(new IntakeRecord("http://b.example/", null), "0-2", outbox);

        assertThat(requests).extracting(CheckRequest::jobId).containsExactly("intake-2026-11-23", "intake-2026-11-24");
        assertThat(requests).extracting(CheckRequest::requestId).containsExactly("intake-2026-11-23:0-1", "intake-2026-11-24:0-2");
    }

    @Test
    void runningTotalsAreIncompleteAndADayJobCompletesOnceItsDayEnded() {
        jobs.accept(new IntakeRecord("http://a.example/", null), "0-1", outbox);
        jobs.accept(new IntakeRecord("http://a.example/", null), "0-2", outbox);
        jobs.publish(outbox);
        assertThat(totals).singleElement().satisfies(t -> {
            assertThat(t.complete()).isFalse();
            assertThat(t.accepted()).isEqualTo(1);
            assertThat(t.duplicates()).isEqualTo(1);
        });

        jobs.publish(outbox);
        assertThat(totals).as("nothing changed, nothing published").hasSize(1);

        clock.now = Instant.parse("2026-11-24T00:00:05Z");
        jobs.publish(outbox);
        assertThat(totals).hasSize(2);
        assertThat(totals.get(1).complete()).isTrue();
        assertThat(totals.get(1).jobId()).isEqualTo("intake-2026-11-23");
        assertThat(jobs.current("intake-2026-11-23")).as("forgotten once complete").isNull();
        assertThat(registry.find("intake-2026-11-23")).hasValueSatisfying(a -> assertThat(a.isComplete()).isTrue());
    }

    @Test
    void aNamedJobIsDeduplicatedOnItsOwn() {
        jobs.accept(new IntakeRecord("http://a.example/", "named"), "0-1", outbox);
        jobs.accept(new IntakeRecord("http://a.example/", null), "0-2", outbox);
        assertThat(requests).extracting(CheckRequest::jobId).containsExactly("named", "intake-2026-11-23");
    }

    @Test
    void intakeTotalsAreThisProcesssOpenEndedPartKeyedByJobAndContributor() {
        jobs.accept(new IntakeRecord("http://a.example/", null), "0-1", outbox);
        jobs.accept(new IntakeRecord("http://b.example/", "named"), "0-2", outbox);
        jobs.publish(outbox);

        assertThat(totals).extracting(JobTotals::recordKey)
                .containsExactly("intake-2026-11-23/pod-a-12345678.1", "named/pod-a-12345678.2");
        assertThat(totals).allSatisfy(t -> {
            assertThat(t.openEnded()).isTrue();
            assertThat(t.complete()).isFalse();
        });
    }

    @Test
    void twoProcessesPublishTheirOwnPartsOfOneJob() {
        IntakeJobs other = new IntakeJobs(new UrlNormalizer(), new DedupSets(1000, 1 << 20), 3, clock, new JobRegistry(10), "pod-b-87654321");
        jobs.accept(new IntakeRecord("http://a.example/", null), "0-1", outbox);
        other.accept(new IntakeRecord("http://a.example/", null), "1-1", outbox);
        other.accept(new IntakeRecord("http://b.example/", null), "1-2", outbox);
        jobs.publish(outbox);
        other.publish(outbox);

        assertThat(totals).extracting(JobTotals::jobId).containsOnly("intake-2026-11-23");
        assertThat(totals).extracting(JobTotals::contributor).doesNotHaveDuplicates();
        assertThat(totals).extracting(JobTotals::accepted).as("dedup is per contributor").containsExactly(1L, 2L);
    }

    @Test
    void closingCompletesThisProcesssPartAndALaterRecordOpensANewContributor() {
        jobs.accept(new IntakeRecord("http://a.example/", null), "0-1", outbox);
        jobs.close(outbox);

        assertThat(totals).singleElement().satisfies(t -> {
            assertThat(t.complete()).isTrue();
            assertThat(t.submitted()).isEqualTo(1);
            assertThat(t.contributor()).isEqualTo("pod-a-12345678.1");
        });

        jobs.accept(new IntakeRecord("http://a.example/", null), "0-2", outbox);
        jobs.publish(outbox);
        assertThat(totals.get(1)).satisfies(t -> {
            assertThat(t.contributor()).as("never overwrites the closed part").isEqualTo("pod-a-12345678.2");
            assertThat(t.complete()).isFalse();
            assertThat(t.accepted()).isEqualTo(1);
        });
    }

    @Test
    void aRecordThatWouldOpenMoreJobsThanTheProcessKeepsIsRefusedButOpenJobsAndTheStandingJobStillServe() {
        for (String job : List.of("a", "b", "c")) {
            jobs.accept(new IntakeRecord("http://" + job + ".example/", job), "0-" + job, outbox);
        }

        assertThatThrownBy(() -> jobs.accept(new IntakeRecord("http://d.example/", "d"), "0-d", outbox))
                .isInstanceOf(IntakeJobs.Refused.class).hasMessageContaining("urlcheck.producer.intake-max-open-jobs");
        jobs.accept(new IntakeRecord("http://a2.example/", "a"), "0-a2", outbox);
        jobs.accept(new IntakeRecord("http://e.example/", null), "0-e", outbox);
        assertThat(requests).extracting(CheckRequest::jobId).containsExactly("a", "b", "c", "a", "intake-2026-11-23");
        assertThat(jobs.current("d")).isNull();

        clock.now = Instant.parse("2026-11-24T00:00:05Z");
        jobs.publish(outbox);
        jobs.accept(new IntakeRecord("http://d.example/", "d"), "0-d2", outbox);
        assertThat(jobs.current("d").accepted()).as("the day's jobs completed, so a new one opens").isEqualTo(1);
    }

    @Test
    void completedAndClosedJobsGiveTheirDedupMemoryBack() {
        jobs.accept(new IntakeRecord("http://a.example/", "named"), "0-1", outbox);
        jobs.accept(new IntakeRecord("http://b.example/", null), "0-2", outbox);
        long twoJobs = dedupSets.usedBytes();
        assertThat(twoJobs).isPositive();

        clock.now = Instant.parse("2026-11-24T00:00:05Z");
        jobs.accept(new IntakeRecord("http://c.example/", null), "0-3", outbox);
        jobs.publish(outbox);
        assertThat(dedupSets.usedBytes()).as("yesterday's two completed, today's standing job open").isEqualTo(twoJobs / 2);

        jobs.close(outbox);
        assertThat(dedupSets.usedBytes()).isZero();
    }

    @Test
    void aProcessIdIsItsHostNameAndARandomSuffix() {
        java.util.UUID random = java.util.UUID.fromString("3f1c2e9a-5d8b-4c1e-9a77-0b6f5d2c9e10");

        assertThat(JobIds.process("urlcheck-producer-7d9f-x2k4", random)).isEqualTo("urlcheck-producer-7d9f-x2k4-3f1c2e9a");
        assertThat(JobIds.process(null, random)).isEqualTo("producer-3f1c2e9a");
        assertThat(JobIds.process("a/b c".repeat(40), random)).matches("[A-Za-z0-9._-]{48}-3f1c2e9a");
    }
}
