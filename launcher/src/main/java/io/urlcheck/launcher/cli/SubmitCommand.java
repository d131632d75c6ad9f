package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobId;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.Submission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code urlcheck submit FILE}: sends URLs to a running stack and prints the job id. */
@Command(name = "submit", sortOptions = false,
        description = {"Send the URLs in FILE (- reads stdin), or the links of .md, .html and .htm files and folders of them, to a running stack's producer and print the job id on stdout. With --wait, follow the job to the end and print its summary.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  ./urlcheck submit urls.txt",
                "  JOB=$(./urlcheck submit urls.txt) && ./urlcheck watch --job \"$JOB\"",
                "  ./urlcheck submit urls.txt --wait --fail-on-error",
                "  ./urlcheck submit README.md docs/ --base https://example.com/ --wait",
                "  ./urlcheck submit urls.txt --job nightly-2024-06-01 --producer http://10.0.0.5:8081",
                "  ./urlcheck submit urls.txt --exclude '/private/' --accept 200..299,403 --method head",
                "",
                "Exit codes: 0 submitted (and, with --wait, done); 1 with --wait --fail-on-error when an",
                "outcome is not OK; 2 bad arguments; 3 the producer or sink could not be reached."})
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
    JobOptionsFlags jobOptions;

    @Mixin
    JobLimitFlags limits;

    @Mixin
    ConfigOption config;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        Upload upload;
        JobOptions options;
        try {
            upload = input.prepare();
            if (jobId != null && !JobId.isValid(jobId)) {
                throw new IllegalArgumentException(JobId.refusal("--job", jobId));
            }
            options = jobOptions.toJobOptions(limits.timeout, limits.retries);
        } catch (IllegalArgumentException e) {
            throw Cli.usage(this, e.getMessage());
        }
        Submission submission = upload.send(api.producer(), jobId, options, () -> false);
        System.out.println(submission.jobId());
        System.out.flush();
        if (!await) {
            System.err.printf("urlcheck: job %s: %d submitted, %d accepted, %d rejected, %d duplicates, %d skipped%n",
                    submission.jobId(), submission.submitted(), submission.accepted(), submission.rejected(),
                    submission.duplicates(), submission.skipped());
            return ExitCodes.OK;
        }
        Optional<JobStatus> last = JobFollower.followToSummary(api.sink(), submission.jobId(), quiet);
        boolean failures = last.map(JobStatus::notOk).orElse(0L) > 0;
        return failOnError && failures ? ExitCodes.URL_FAILURES : ExitCodes.OK;
    }
}
