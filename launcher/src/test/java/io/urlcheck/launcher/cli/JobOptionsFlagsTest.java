package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobOptions;
import io.urlcheck.launcher.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobOptionsFlagsTest {

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void submitFlagsBecomeTheJobsOptions() {
        SubmitCommand submit = parse(SubmitCommand.class, "submit", "urls.txt", "--accept", "200..299,403",
                "--include", "example\\.com", "--exclude", "/private/", "--exclude", "\\?session=",
                "--header", "Authorization: Bearer s3cret", "--header", "X-Trace:1", "--user-agent", "bot/1",
                "--method", "head", "--insecure", "--max-redirects", "3", "--host-interval", "250ms",
                "--timeout", "1500ms", "--retries", "0");

        JobOptions options = submit.job.toJobOptions();

        assertThat(options).isEqualTo(new JobOptions("200..299,403", List.of("example\\.com"), List.of("/private/", "\\?session="),
                Map.of("Authorization", "Bearer s3cret", "X-Trace", "1"), "bot/1", "HEAD", true, 3, 250L, 1500L, 0));
    }

    @Test
    void noFlagsLeaveEveryServiceDefault() {
        SubmitCommand submit = parse(SubmitCommand.class, "submit", "urls.txt");
        RunCommand run = parse(RunCommand.class, "run", "urls.txt");

        assertThat(submit.job.toJobOptions()).isEqualTo(JobOptions.DEFAULTS);
        assertThat(run.jobOptions.toJobOptions(null, null)).isEqualTo(JobOptions.DEFAULTS);
    }

    @Test
    void runsTimeoutAndRetriesGoWithTheJobToo() {
        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--timeout", "3", "--retries", "1", "--method", "GET");

        JobOptions options = run.jobOptions.toJobOptions(run.worker.timeoutText(), run.worker.retries);

        assertThat(options.timeoutMs()).isEqualTo(3000L);
        assertThat(options.retries()).isEqualTo(1);
        assertThat(options.method()).isEqualTo("GET");
    }

    @Test
    void durationsTakeAUnitAndABareNumberIsSeconds() {
        assertThat(DurationText.parse("250ms", "--x").toMillis()).isEqualTo(250);
        assertThat(DurationText.parse("2s", "--x").toMillis()).isEqualTo(2000);
        assertThat(DurationText.parse("1m", "--x").toMillis()).isEqualTo(60_000);
        assertThat(DurationText.parse("5", "--x").toMillis()).isEqualTo(5000);
        assertThatThrownBy(() -> DurationText.parse("fast", "--host-interval"))
                .hasMessage("--host-interval expects a duration like 250ms, 1s or 2m; got 'fast'");
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlagAndNeverAHeaderValue() {
        assertThatThrownBy(() -> flags("--exclude", "(").toJobOptions(null, null)).hasMessageContaining("exclude pattern '('");
        assertThatThrownBy(() -> flags("--accept", "2xx").toJobOptions(null, null)).hasMessageContaining("accept spec '2xx'");
        assertThatThrownBy(() -> flags("--method", "put").toJobOptions(null, null)).hasMessageContaining("method must be GET or HEAD");
        assertThatThrownBy(() -> flags("--max-redirects", "-1").toJobOptions(null, null))
                .hasMessageContaining("--max-redirects must be between 0 and 50");
        assertThatThrownBy(() -> flags("--header", "Authorization Bearer s3cret").toJobOptions(null, null))
                .hasMessage("--header expects 'Name: value'");
        assertThatThrownBy(() -> flags("--header", "Bad Name: s3cret").toJobOptions(null, null))
                .hasMessageContaining("header name 'Bad Name'").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> flags("--host-interval", "2h").toJobOptions(null, null))
                .hasMessageContaining("--host-interval expects a duration");
    }

    private static JobOptionsFlags flags(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "submit";
        all[1] = "urls.txt";
        System.arraycopy(args, 0, all, 2, args.length);
        return parse(SubmitCommand.class, all).job.options;
    }
}
