package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code urlcheck watch}: follows a job's progress on a running stack until it is done. */
@Command(name = "watch", sortOptions = false)
public final class WatchCommand implements Callable<Integer> {

    @Option(names = "--job", paramLabel = "ID", description = "The job to follow (default: the newest).")
    String jobId;

    @Option(names = {"-q", "--quiet"}, description = "No progress display; just wait and print the summary.")
    boolean quiet;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception {
        SinkClient sink = api.sink();
        String id = jobId;
        if (id == null) {
            Optional<JobStatus> latest = sink.latestJob();
            while (latest.isEmpty()) {
                System.err.println("urlcheck: no job yet; waiting for one (Ctrl+C stops)");
                Thread.sleep(2000); // polling a remote API for the first job
                latest = sink.latestJob();
            }
            id = latest.get().jobId();
        }
        System.err.println("urlcheck: watching job " + TerminalText.safe(id));
        JobFollower.followToSummary(sink, id, quiet);
        return ExitCodes.OK;
    }
}
