package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.output.Progress;
import io.urlcheck.launcher.output.Style;
import io.urlcheck.launcher.output.TerminalText;
import io.urlcheck.launcher.stack.Timeline;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Polls the sink for a job's progress, feeding a {@link Progress}, until the job is done or a stop is asked. */
final class JobFollower {

    private static final long POLL_MILLIS = 100;

    /** Where a job's status comes from: the sink's {@code GET /api/jobs/{id}} ({@link SinkClient#job}). */
    @FunctionalInterface
    interface JobSource {
        /** The job's status; empty while the sink has not heard of it. */
        Optional<JobStatus> job(String jobId);

        /** Why the sink stores no results, if it knows ({@link SinkClient#storeFailure}). */
        default Optional<String> storeFailure() {
            return Optional.empty();
        }

        /** The sink's job status and its store's failure. */
        static JobSource of(SinkClient sink) {
            return new JobSource() {
                @Override
                public Optional<JobStatus> job(String jobId) {
                    return sink.job(jobId);
                }

                @Override
                public Optional<String> storeFailure() {
                    return sink.storeFailure();
                }
            };
        }
    }

    private final JobSource jobs;
    private final Progress progress;
    private final BooleanSupplier stop;
    private final Timeline timeline;
    private final StallWatch stalls;

    /** A follower that also marks the first and the last result on {@code timeline} (may be null). */
    JobFollower(JobSource jobs, Progress progress, BooleanSupplier stop, Timeline timeline) {
        this(jobs, progress, stop, timeline, warning -> System.err.println(TerminalText.safeLines(warning)), System::nanoTime);
    }

    /**
     * As {@link #JobFollower(JobSource, Progress, BooleanSupplier, Timeline)}, saying why a stalled job gets no
     * results on {@code warnings} ({@link StallWatch}), timed by {@code nanoTime}.
     */
    JobFollower(JobSource jobs, Progress progress, BooleanSupplier stop, Timeline timeline, Consumer<String> warnings,
                LongSupplier nanoTime) {
        this.jobs = jobs;
        this.progress = progress;
        this.stop = stop;
        this.timeline = timeline;
        this.stalls = new StallWatch(jobs::storeFailure, warnings, nanoTime);
    }

    /**
     * Follows {@code jobId} on a running stack with a progress display on stderr (none when {@code quiet}) until
     * it is done, then prints its line and summary on stdout: the end of {@code submit --wait} and of {@code watch}.
     * Returns the last status seen.
     */
    static Optional<JobStatus> followToSummary(SinkClient sink, String jobId, boolean quiet)
            throws InterruptedException {
        Optional<JobStatus> last;
        try (Progress progress = Progress.create(Style.detect("stderr"), quiet, System.err)) {
            last = new JobFollower(JobSource.of(sink), progress, () -> false, null).follow(jobId, null);
        }
        SummaryCommand.print(sink, jobId, last, System.out, Style.detect("stdout"));
        return last;
    }

    /**
     * Follows {@code jobId} until the sink reports it done or {@code stop} turns true; returns the last status
     * seen (empty if the sink never heard of the job). A failed {@code upload} ends the wait with its error.
     * A job with no new result for {@link StallWatch#STALL} while the sink's store refuses writes gets a warning
     * saying why ({@link StallWatch}).
     */
    Optional<JobStatus> follow(String jobId, CompletableFuture<?> upload) throws InterruptedException {
        Optional<JobStatus> last = Optional.empty();
        boolean firstSeen = false;
        while (!stop.getAsBoolean()) {
            if (upload != null && upload.isCompletedExceptionally()) {
                try {
                    upload.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new ApiException("submission failed: " + e.getCause(), e.getCause());
                }
            }
            Optional<JobStatus> status = jobs.job(jobId);
            if (status.isPresent()) {
                last = status;
                progress.update(status.get());
                if (!firstSeen && status.get().checked() > 0 && timeline != null) {
                    firstSeen = true;
                    timeline.mark("run: first result seen (" + status.get().checked() + " checked)");
                }
                if (status.get().done() && (upload == null || upload.isDone())) {
                    if (timeline != null) {
                        timeline.mark("run: last result seen, job done (" + status.get().checked() + " checked)");
                    }
                    return last;
                }
                stalls.seen(status.get().checked());
            }
            stalls.poll();
            Thread.sleep(POLL_MILLIS); // the polling interval of a progress display
        }
        return last;
    }
}
