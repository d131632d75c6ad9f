package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.Main;
import io.urlcheck.launcher.stack.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The address ranges of --allow-cidr and --deny-cidr are checked whole by the launcher, not left to fail the worker. */
class AddressRangeTest {

    private static StackConfig.Builder apply(String option, String value) {
        RunCommand run = (RunCommand) Main.commandLine().parseArgs("run", "urls.txt", option, value).subcommand()
                .commandSpec().userObject();
        StackConfig.Builder builder = StackConfig.builder(Path.of("."), Path.of("r"));
        run.worker.applyTo(builder);
        return builder;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--allow-cidr | 300.0.0.0/8      | --allow-cidr 300.0.0.0/8: 300 is not an IPv4 address part (0 to 255)",
            "--allow-cidr | 127.0.0.0/99     | --allow-cidr 127.0.0.0/99: the prefix of an IPv4 range is 0 to 32",
            "--deny-cidr  | 10.0.0.0/33      | --deny-cidr 10.0.0.0/33: the prefix of an IPv4 range is 0 to 32",
            "--deny-cidr  | 1.2.3/8          | --deny-cidr 1.2.3/8: an IPv4 address has four parts, such as 10.0.0.0",
            "--allow-cidr | 010.0.0.0/8      | --allow-cidr 010.0.0.0/8: 010 is not an IPv4 address part (0 to 255)",
            "--allow-cidr | fc00::/129       | --allow-cidr fc00::/129: the prefix of an IPv6 range is 0 to 128",
            "--deny-cidr  | fc00:::1/64      | --deny-cidr fc00:::1/64: not an IPv6 address",
            "--deny-cidr  | .::1/64          | --deny-cidr .::1/64: not an IPv6 address",
            "--allow-cidr | ::ffff:10.0.0.0/8 | --allow-cidr ::ffff:10.0.0.0/8: the prefix of an IPv4-mapped IPv6 range is 96 to 128",
            "--allow-cidr | localhost        | --allow-cidr localhost: expects an address range such as 127.0.0.0/8 or fc00::/7",
            "--allow-cidr | 10.0.0.0/x       | --allow-cidr 10.0.0.0/x: expects an address range such as 127.0.0.0/8 or fc00::/7",
    })
    void aRangeTheWorkerCouldNotParseIsAUsageErrorOfOneLine(String option, String value, String message) {
        assertThatThrownBy(() -> apply(option, value)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "127.0.0.0/8", "255.255.255.255/32", "::/0", "::1/128", "fc00::/7",
            "2001:db8::/32", "::ffff:10.0.0.0/104", "192.168.1.10", "::1"})
    void everyRangeTheWorkerTakesIsPassedOnAsGiven(String value) {
        assertThat(apply("--deny-cidr", value).build().workerProps()).containsEntry("urlcheck.worker.deny-cidrs", value);
    }

    @Test
    void theCommandLineSaysSoInOneLineWithExit2(@TempDir Path dir) throws IOException {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "https://example.com/\n");
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        // The port clash, a usage error too, keeps this from ever starting a stack.
        assertThat(cli.execute("run", urls.toString(), "--allow-cidr", "300.0.0.0/8",
                "--producer-port", "18083", "--sink-port", "18083")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).hasLineCount(1).startsWith("urlcheck: --allow-cidr 300.0.0.0/8: 300 is not");
    }
}
