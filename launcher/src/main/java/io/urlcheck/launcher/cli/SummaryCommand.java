package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.output.ProgressText;
import io.urlcheck.launcher.output.Style;
import io.urlcheck.launcher.output.SummaryTable;
import io.urlcheck.launcher.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code urlcheck summary}: counts by outcome, latency percentiles and slowest URLs from a running sink. */
@Command(name = "summary", sortOptions = false)
public final class SummaryCommand implements Callable<Integer> {

    @Option(names = "--job", paramLabel = "ID", description = "Only this job (default: all results).")
    String jobId;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        SinkClient sink = api.sink();
        Optional<JobStatus> job = jobId == null ? Optional.empty() : sink.job(jobId);
        if (jobId != null && job.isEmpty()) {
            System.err.println("urlcheck: the sink knows no job " + TerminalText.safe(jobId));
            return ExitCodes.ERROR;
        }
        print(sink, jobId, job, System.out, Style.detect("stdout"));
        return ExitCodes.OK;
    }

    /** The job's line (when known) and the summary table. */
    static void print(SinkClient sink, String jobId, Optional<JobStatus> job, PrintStream out, Style style) {
        job.ifPresent(j -> out.println("job " + TerminalText.safe(j.jobId()) + ": " + ProgressText.line(j) + (j.done() ? ", done" : "")));
        out.print(SummaryTable.render(sink.summary(jobId), style));
        out.flush();
    }
}
