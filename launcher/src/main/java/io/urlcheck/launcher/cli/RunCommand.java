package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobOptions;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.client.Summary;
import io.urlcheck.launcher.output.BaselineDiff;
import io.urlcheck.launcher.output.Progress;
import io.urlcheck.launcher.output.Style;
import io.urlcheck.launcher.output.SummaryLine;
import io.urlcheck.launcher.output.SummaryTable;
import io.urlcheck.launcher.output.TerminalText;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.StackConfig;
import io.urlcheck.launcher.stack.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code urlcheck run FILE}: the embedded default. Starts a broker and the three services, feeds the file,
 * follows the job to the end, writes the results, prints a summary and stops everything.
 */
@Command(name = "run", sortOptions = false)
public final class RunCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Option(names = "--out", paramLabel = "PATH", description = "Where to write the results (default: results.<format>).")
    Path out;

    @Option(names = "--format", paramLabel = "json|jsonl|csv|markdown", defaultValue = "json",
            description = "json: one array; jsonl: one result per line; csv; markdown: a report for a pull request (default: ${DEFAULT-VALUE}).")
    ResultsExport.Format format;

    @Mixin
    WorkerOptions worker;

    @Mixin
    StackOptions stack;

    @Mixin
    JobOptionsFlags jobOptions;

    @Mixin
    ConfigOption config;

    @Option(names = "--fail-on-error", description = "Exit 1 when any URL's outcome is not OK.")
    boolean failOnError;

    @Mixin
    BaselineOptions baseline;

    @Option(names = {"-q", "--quiet"}, description = "No progress, start-up lines or table; only the summary line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Upload upload = Cli.checked(this, input::prepare);
        JobOptions options = Cli.checked(this, () -> {
            baseline.load();
            return jobOptions.toJobOptions(worker.timeoutText(), worker.retries);
        });
        Path outFile = out != null ? out : Path.of("results." + format.extension());
        Cli.checked(this, () -> {
            OutputFile.check(outFile);
            return outFile;
        });
        // A run's broker is new and gone with the run, so it never holds a monitor: no scheduler to join a group for.
        StackConfig config = StackStart.configure(this,
                () -> StackStart.builder("run").producer("urlcheck.producer.monitors.scheduler", "false"), worker, stack, false);
        Style errStyle = Style.detect("stderr");
        Style outStyle = Style.detect("stdout");
        Interrupts interrupts = Interrupts.install(System.err);
        Instant started = Instant.now();

        Optional<LocalStack> ready = StackStart.start(config, interrupts, !quiet);
        if (ready.isEmpty()) {
            System.err.println("urlcheck: stopped before the stack was ready");
            return interrupts.stoppedBy().exitCode();
        }
        LocalStack local = ready.get();
        try {
            if (!quiet) {
                System.err.printf("urlcheck: stack ready in %.1f s%n", local.startupTime().toMillis() / 1000.0);
            }
            return check(local, upload, options, interrupts, outFile, config.runDir(), started, errStyle, outStyle);
        } finally {
            // The results are written and on disk, and reported (or the run failed): the run's broker and sink data are
            // thrown away, so a graceful stop would protect nothing and only keep the user waiting. A Ctrl+C has
            // already drained the workers gracefully (see drain) before the partial results were written. Only the
            // first run after a build waits here, for its JVMs to write their class-data archives: say why.
            if (!quiet && local.savesClassDataOnExit()) {
                System.err.println("urlcheck: saving each JVM's classes for quicker later runs (the first run after a build)...");
            }
            local.kill();
        }
    }

    private int check(LocalStack local, Upload inputs, JobOptions options, Interrupts interrupts, Path outFile, Path runDir,
                      Instant started, Style errStyle, Style outStyle) throws InterruptedException {
        ProducerClient producer = new ProducerClient(local.producerUrl(), null);
        SinkClient sink = new SinkClient(local.sinkUrl(), null);
        String jobId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<Submission> upload = CompletableFuture.supplyAsync(
                () -> inputs.send(producer, jobId, options, interrupts::requested), Cli.daemonExecutor("upload"));

        upload.thenRun(() -> local.timeline().mark("run: input uploaded"));
        Optional<JobStatus> last;
        // A part that dies while the job runs is restarted, so that the job still ends (at-least-once: what a dead
        // worker had taken is checked again); stopped before a Ctrl+C's drain, which stops parts on purpose.
        try (Progress progress = Progress.create(errStyle, quiet, System.err);
             Supervisor supervisor = Supervisor.start(local.supervised(), progress::note)) {
            last = new JobFollower(JobFollower.JobSource.of(sink), progress, interrupts::requested, local.timeline())
                    .follow(jobId, upload);
        }
        boolean partial = interrupts.requested();
        if (partial) {
            last = drain(local, sink, jobId);
        }
        OutputFile.Written written = OutputFile.write(
                file -> ResultsExport.writeFile(sink, Map.of("jobId", jobId), format, inputs.index(), file), outFile, runDir);
        long rows = written.rows();
        local.timeline().mark("run: results written (" + rows + " rows to " + written.file() + ")");
        Map<String, Long> outcomes = last.map(JobStatus::outcomes).orElse(Map.of());
        long expected = last.filter(JobStatus::complete).map(JobStatus::expected).orElse(partial ? -1L : rows);
        long checked = partial ? rows : last.map(JobStatus::checked).orElse(rows);
        Summary summary = !quiet && rows > 0 ? sink.summary(jobId) : null;
        BaselineDiff diff = partial ? null : baseline.compare(() -> sink.export(Map.of("jobId", jobId), "jsonl"));
        if (summary != null) {
            System.out.println();
            System.out.print(SummaryTable.render(summary, outStyle));
            System.out.println();
        }
        SummaryLine.NotChecked notChecked = last.filter(JobStatus::complete)
                .map(s -> new SummaryLine.NotChecked(s.submitted(), s.skipped(), s.duplicates())).orElse(SummaryLine.NotChecked.NONE);
        System.out.println(SummaryLine.render(checked, expected, outcomes, notChecked, Duration.between(started, Instant.now()),
                written.file().toString(), partial ? interrupts.stoppedBy().label() : null, outStyle));
        baseline.print(diff, outStyle, System.out);
        local.timeline().mark("run: summary printed");
        if (written.failure() != null) {
            System.err.println("urlcheck: " + TerminalText.safe(written.failure()) + "; the results are in " + written.file());
        }
        if (partial) {
            return interrupts.stoppedBy().exitCode();
        }
        if (written.failure() != null) {
            return ExitCodes.RESULTS_ELSEWHERE;
        }
        boolean failures = last.map(JobStatus::notOk).orElse(0L) > 0;
        return failOnError && failures || baseline.fails(diff) ? ExitCodes.URL_FAILURES : ExitCodes.OK;
    }

    /**
     * The graceful part of Ctrl+C: stop the producer (no new intake), SIGTERM the workers so that they finish or
     * return their in-flight checks, then give the sink a moment to store what they sent.
     */
    private Optional<JobStatus> drain(LocalStack local, SinkClient sink, String jobId) throws InterruptedException {
        if (!quiet) {
            System.err.println("urlcheck: stopping intake and draining the workers...");
        }
        local.producer().stop(Duration.ofSeconds(10));
        local.drainWorkers();
        Optional<JobStatus> last = sink.job(jobId);
        Instant deadline = Instant.now().plusSeconds(10);
        long previous = -1;
        while (Instant.now().isBefore(deadline)) {
            long checked = last.map(JobStatus::checked).orElse(0L);
            if (checked == previous) {
                break;
            }
            previous = checked;
            Thread.sleep(1000); // settle window: the sink has stored everything once the count stops moving
            last = sink.job(jobId);
        }
        return last;
    }
}
