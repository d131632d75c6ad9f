package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobId;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.output.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code urlcheck submit FILE}: sends URLs to a running stack and prints the job id. */
@Command(name = "submit", sortOptions = false)
public final class SubmitCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--job", paramLabel = "ID",
            description = "Job id ([A-Za-z0-9._:-], up to 128); re-submitting an id replaces that job's totals.")
    String jobId;

    @Option(names = "--wait", description = "Follow the job until every URL is checked, then print the summary.")
    boolean await;

    @Option(names = "--fail-on-error", description = "With --wait: exit 1 when any URL's outcome is not OK.")
    boolean failOnError;

    @Option(names = {"-q", "--quiet"}, description = "No progress display.")
    boolean quiet;

    @Mixin
    ApiOptions api;

    @Mixin
    JobSubmitFlags job;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Upload upload = Cli.checked(this, input::prepare);
        JobOptions options = Cli.checked(this, () -> {
            if (jobId != null && !JobId.isValid(jobId)) {
                throw new IllegalArgumentException(JobId.refusal("--job", jobId));
            }
            return job.toJobOptions();
        });
        Submission submission = upload.send(api.producer(), jobId, options, () -> false);
        System.out.println(TerminalText.safe(submission.jobId()));
        System.out.flush();
        if (!await) {
            System.err.printf("urlcheck: job %s: %d submitted, %d accepted, %d rejected, %d duplicates, %d skipped%n",
                    TerminalText.safe(submission.jobId()), submission.submitted(), submission.accepted(), submission.rejected(),
                    submission.duplicates(), submission.skipped());
            return ExitCodes.OK;
        }
        Optional<JobStatus> last = JobFollower.followToSummary(api.sink(), submission.jobId(), quiet);
        boolean failures = last.map(JobStatus::notOk).orElse(0L) > 0;
        return failOnError && failures ? ExitCodes.URL_FAILURES : ExitCodes.OK;
    }
}
