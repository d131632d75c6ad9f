package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.output.Progress;
import io.urlcheck.launcher.stack.Timeline;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/** Polls the sink for a job's progress, feeding a {@link Progress}, until the job is done or a stop is asked. */
final class JobFollower {

    private static final long POLL_MILLIS = 100;

    private final SinkClient sink;
    private final Progress progress;
    private final BooleanSupplier stop;
    private final Timeline timeline;

    JobFollower(SinkClient sink, Progress progress, BooleanSupplier stop) {
        this(sink, progress, stop, null);
    }

    /** A follower that also marks the first and the last result on {@code timeline} (may be null). */
    JobFollower(SinkClient sink, Progress progress, BooleanSupplier stop, Timeline timeline) {
        this.sink = sink;
        this.progress = progress;
        this.stop = stop;
        this.timeline = timeline;
    }

    /**
     * Follows {@code jobId} until the sink reports it done or {@code stop} turns true; returns the last status
     * seen (empty if the sink never heard of the job). A failed {@code upload} ends the wait with its error.
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
            Optional<JobStatus> status = sink.job(jobId);
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
            }
            Thread.sleep(POLL_MILLIS); // the polling interval of a progress display
        }
        return last;
    }
}
