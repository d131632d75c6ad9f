package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.output.Progress;
import io.urlcheck.launcher.stack.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobFollowerTest {

    /** The sink's answers, one per poll; the last one repeats. */
    private static final class ScriptedSink implements JobFollower.JobSource {
        private final Deque<Optional<JobStatus>> answers = new ArrayDeque<>();
        private final AtomicInteger polls = new AtomicInteger();

        @SafeVarargs
        ScriptedSink(Optional<JobStatus>... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public Optional<JobStatus> job(String jobId) {
            polls.incrementAndGet();
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }

    /** Every status the display was shown, and whether it was closed. */
    private static final class RecordingProgress implements Progress {
        private final List<JobStatus> shown = new ArrayList<>();

        @Override
        public void update(JobStatus status) {
            shown.add(status);
        }

        @Override
        public void note(String line) {
        }

        @Override
        public void close() {
        }
    }

    private static Optional<JobStatus> status(long checked, long expected, boolean done) {
        return Optional.of(new JobStatus("job-1", expected, expected, 0, 0, 0, expected, checked, expected - checked,
                null, null, true, done, null, null, Map.of("OK", checked)));
    }

    private final RecordingProgress progress = new RecordingProgress();

    @Test
    void followsUntilTheSinkSaysDoneAndShowsEveryStatusOnTheWay() throws Exception {
        ScriptedSink sink = new ScriptedSink(Optional.empty(), status(1, 3, false), status(2, 3, false),
                status(3, 3, true));

        Optional<JobStatus> last = new JobFollower(sink, progress, () -> false, null).follow("job-1", null);

        assertThat(last).hasValueSatisfying(s -> assertThat(s.done()).isTrue());
        assertThat(progress.shown).extracting(JobStatus::checked).containsExactly(1L, 2L, 3L);
        assertThat(sink.polls).hasValue(4);
    }

    @Test
    void aStopRequestEndsTheWaitWithTheLastStatusSeen() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        JobFollower.JobSource sink = jobId -> {
            stop.set(true); // Ctrl+C arrives while the first answer is on its way
            return status(5, 10, false);
        };

        Optional<JobStatus> last = new JobFollower(sink, progress, stop::get, null).follow("job-1", null);

        assertThat(last).hasValueSatisfying(s -> assertThat(s.checked()).isEqualTo(5));
        assertThat(last.get().done()).isFalse();
    }

    @Test
    void aJobTheSinkNeverHeardOfEndsEmptyWhenStopped() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        JobFollower.JobSource sink = jobId -> Optional.empty();

        Optional<JobStatus> last = new JobFollower(sink, progress, () -> polls.incrementAndGet() > 3, null)
                .follow("job-1", null);

        assertThat(last).isEmpty();
        assertThat(progress.shown).isEmpty();
    }

    @Test
    void aDoneJobIsNotOverWhileItsUploadIsStillRunning() throws Exception {
        CompletableFuture<Void> upload = new CompletableFuture<>();
        AtomicInteger polls = new AtomicInteger();
        JobFollower.JobSource sink = jobId -> {
            if (polls.incrementAndGet() == 3) {
                upload.complete(null);
            }
            return status(2, 2, true);
        };

        new JobFollower(sink, progress, () -> false, null).follow("job-1", upload);

        assertThat(polls).hasValue(3);
    }

    @Test
    void aFailedUploadEndsTheWaitWithItsOwnError() {
        CompletableFuture<Void> upload = CompletableFuture.failedFuture(new ApiException("producer: 413 too large", 413));

        assertThatThrownBy(() -> new JobFollower(jobId -> Optional.empty(), progress, () -> false, null)
                .follow("job-1", upload))
                .isInstanceOf(ApiException.class).hasMessageContaining("413 too large");
    }

    @Test
    void anUploadFailingWithACheckedErrorIsReportedAsASubmissionFailure() {
        CompletableFuture<Void> upload = CompletableFuture.failedFuture(new IOException("disk gone"));

        assertThatThrownBy(() -> new JobFollower(jobId -> Optional.empty(), progress, () -> false, null)
                .follow("job-1", upload))
                .isInstanceOf(ApiException.class).hasMessageContaining("submission failed").hasMessageContaining("disk gone");
    }

    @Test
    void anUploadFailingWithAnUncheckedErrorKeepsIt() {
        CompletableFuture<Void> upload = CompletableFuture.failedFuture(
                new UncheckedIOException("cannot read urls.txt", new IOException("gone")));

        assertThatThrownBy(() -> new JobFollower(jobId -> Optional.empty(), progress, () -> false, null)
                .follow("job-1", upload))
                .isInstanceOf(UncheckedIOException.class).hasMessage("cannot read urls.txt");
    }

    @Test
    void theTimelineGetsTheFirstAndTheLastResultOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("launcher.log");
        ScriptedSink sink = new ScriptedSink(status(0, 3, false), status(1, 3, false), status(2, 3, false),
                status(3, 3, true));

        new JobFollower(sink, progress, () -> false, new Timeline(log)).follow("job-1", null);

        assertThat(Files.readAllLines(log)).hasSize(2)
                .anySatisfy(line -> assertThat(line).endsWith("run: first result seen (1 checked)"))
                .anySatisfy(line -> assertThat(line).endsWith("run: last result seen, job done (3 checked)"));
    }

    /** A sink whose store refuses writes, asked why, on a clock that moves one second with every poll. */
    private static final class StalledSink implements JobFollower.JobSource {
        private final ScriptedSink statuses;
        private final String failure;
        private final AtomicInteger asked = new AtomicInteger();
        private long nanos;

        StalledSink(String failure, ScriptedSink statuses) {
            this.failure = failure;
            this.statuses = statuses;
        }

        @Override
        public Optional<JobStatus> job(String jobId) {
            nanos += 1_000_000_000L;
            return statuses.job(jobId);
        }

        @Override
        public Optional<String> storeFailure() {
            asked.incrementAndGet();
            return Optional.ofNullable(failure);
        }

        long now() {
            return nanos;
        }
    }

    @Test
    void aJobWithoutNewResultsWhileTheSinksStoreRefusesWritesIsWarnedOnceWithTheSinksReason() throws Exception {
        ScriptedSink statuses = new ScriptedSink(status(1, 3, false), status(1, 3, false), status(1, 3, false),
                status(1, 3, false), status(1, 3, false), status(1, 3, false), status(1, 3, false), status(1, 3, false),
                status(1, 3, false), status(1, 3, false), status(1, 3, false), status(1, 3, false), status(3, 3, true));
        StalledSink sink = new StalledSink("JSON store full: use the PostgreSQL store", statuses);
        List<String> warnings = new ArrayList<>();

        new JobFollower(sink, progress, () -> false, null, warnings::add, sink::now).follow("job-1", null);

        assertThat(warnings).containsExactly("urlcheck: the sink is not storing results: JSON store full: use the PostgreSQL store");
        assertThat(sink.asked).as("asked again after each further stall").hasValue(2);
    }

    @Test
    void aJobThatKeepsGettingResultsNeverAsksTheSinkWhy() throws Exception {
        ScriptedSink statuses = new ScriptedSink(status(1, 9, false), status(2, 9, false), status(3, 9, false),
                status(4, 9, false), status(5, 9, false), status(6, 9, false), status(7, 9, false), status(8, 9, false),
                status(9, 9, true));
        StalledSink sink = new StalledSink("JSON store full", statuses);
        List<String> warnings = new ArrayList<>();

        new JobFollower(sink, progress, () -> false, null, warnings::add, sink::now).follow("job-1", null);

        assertThat(warnings).isEmpty();
        assertThat(sink.asked).hasValue(0);
    }

    @Test
    void aStalledJobWhoseSinkStoresFineIsNoWarning() throws Exception {
        ScriptedSink statuses = new ScriptedSink(status(1, 3, false), status(1, 3, false), status(1, 3, false),
                status(1, 3, false), status(1, 3, false), status(1, 3, false), status(1, 3, false), status(3, 3, true));
        StalledSink sink = new StalledSink(null, statuses);
        List<String> warnings = new ArrayList<>();

        new JobFollower(sink, progress, () -> false, null, warnings::add, sink::now).follow("job-1", null);

        assertThat(warnings).isEmpty();
        assertThat(sink.asked).hasValue(1);
    }
}
