package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.output.Progress;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/** Polls the sink for a job's progress, feeding a {@link Progress}, until the job is done or a stop is asked. */
final class JobFollower {

    private static final long POLL_MILLIS = 250;

    private final SinkClient sink;
    private final Progress progress;
    private final BooleanSupplier stop;

    JobFollower(SinkClient sink, Progress progress, BooleanSupplier stop) {
        this.sink = sink;
        this.progress = progress;
        this.stop = stop;
    }

    /**
     * Follows {@code jobId} until the sink reports it done or {@code stop} turns true; returns the last status
     * seen (empty if the sink never heard of the job). A failed {@code upload} ends the wait with its error.
     */
    Optional<JobStatus> follow(String jobId, CompletableFuture<?> upload) throws InterruptedException {
        Optional<JobStatus> last = Optional.empty();
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
                if (status.get().done() && (upload == null || upload.isDone())) {
                    return last;
                }
            }
            Thread.sleep(POLL_MILLIS); // the polling interval of a progress display
        }
        return last;
    }
}
