package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.Main;
import io.urlcheck.launcher.stack.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --timeout} and {@code up --timeout} take what {@code submit --timeout} takes, and say what is wrong in one line. */
class TimeoutOptionTest {

    private static StackConfig workers(String command, String timeout) {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(command.equals("run")
                ? new String[] {"run", "urls.txt", "--timeout", timeout} : new String[] {"up", "--timeout", timeout});
        Object cmd = parsed.subcommand().commandSpec().userObject();
        WorkerOptions worker = cmd instanceof RunCommand run ? run.worker : ((UpCommand) cmd).worker;
        StackConfig.Builder builder = StackConfig.builder(Path.of("."), Path.of("r"));
        worker.applyTo(builder);
        return builder.build();
    }

    @ParameterizedTest
    @CsvSource({"run, 5, 5s", "run, 1s, 1s", "up, 2m, 120s", "up, 1500ms, PT1.5S", "run, 600s, 600s"})
    void aDurationOrWholeSecondsSetTheWorkersDeadline(String command, String timeout, String property) {
        assertThat(workers(command, timeout).workerProps()).containsEntry("urlcheck.worker.request-timeout", property);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1s     | ",
            "0.5    | urlcheck: --timeout expects a duration such as 250ms, 5s or 2m, or whole seconds; got '0.5'",
            "-1     | urlcheck: --timeout expects a duration such as 250ms, 5s or 2m, or whole seconds; got '-1'",
            "0      | urlcheck: --timeout must be from 1ms to 10m; got '0'",
            "11m    | urlcheck: --timeout must be from 1ms to 10m; got '11m'",
    })
    void aBadTimeoutIsOneLineNamingWhatWasTyped(String timeout, String message, @TempDir Path dir) throws IOException {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "https://example.com/\n");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        // The port clash, a usage error found after the timeout is read, keeps this from ever starting a stack.
        int code = cli.execute("run", urls.toString(), "--timeout", timeout, "--producer-port", "18083", "--sink-port", "18083");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).hasLineCount(1);
        if (message == null) {
            assertThat(err.toString()).as("a valid timeout gets as far as the ports").contains("port 18083");
        } else {
            assertThat(err.toString()).startsWith(message + " (see ./urlcheck run --help)");
        }
    }

    @Test
    void theJobOfARunCarriesTheSameDeadline() {
        RunCommand run = (RunCommand) Main.commandLine().parseArgs("run", "urls.txt", "--timeout", "1500ms").subcommand()
                .commandSpec().userObject();
        assertThat(run.jobOptions.toJobOptions(run.worker.timeoutText(), run.worker.retries).timeoutMs()).isEqualTo(1500L);
    }
}
