package io.urlcheck.launcher.cli;

import io.urlcheck.contract.JobOptions;
import io.urlcheck.launcher.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    @TempDir
    Path dir;

    private Path toml(String text) throws IOException {
        Path file = dir.resolve("urlcheck.toml");
        Files.writeString(file, text);
        return file;
    }

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult result = cli.parseArgs(ConfigFile.expand(args, cli));
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void theFileGivesJobAndRunOptions() throws IOException {
        Path file = toml("""
                accept = "200..299,403"
                exclude = ["/private/", "linkedin\\\\.com"]
                method = "head"
                insecure = true
                max-redirects = 3
                host-interval = "250ms"
                user-agent = "ci-bot/1"
                concurrency = 16
                timeout = 4
                format = "csv"
                out = "dead.csv"

                [header]
                Authorization = "Bearer s3cret"
                """);

        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--config", file.toString());
        JobOptions options = run.jobOptions.toJobOptions(run.worker.timeoutText(), run.worker.retries);

        assertThat(options.accept()).isEqualTo("200..299,403");
        assertThat(options.exclude()).containsExactly("/private/", "linkedin\\.com");
        assertThat(options.method()).isEqualTo("HEAD");
        assertThat(options.insecure()).isTrue();
        assertThat(options.maxRedirects()).isEqualTo(3);
        assertThat(options.hostIntervalMs()).isEqualTo(250L);
        assertThat(options.userAgent()).isEqualTo("ci-bot/1");
        assertThat(options.headers()).containsEntry("Authorization", "Bearer s3cret");
        assertThat(options.timeoutMs()).isEqualTo(4000L);
        assertThat(run.worker.concurrency).isEqualTo(16);
        assertThat(run.format).isEqualTo(ResultsExport.Format.csv);
        assertThat(run.out).isEqualTo(Path.of("dead.csv"));
    }

    @Test
    void commandLineFlagsWinOverTheFile() throws IOException {
        Path file = toml("""
                exclude = ["/from-file/"]
                method = "head"
                concurrency = 16
                header = ["X-From: file"]
                """);

        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--config=" + file, "--method", "get",
                "--exclude", "/from-flag/", "--concurrency=8");
        JobOptions options = run.jobOptions.toJobOptions(null, null);

        assertThat(options.method()).isEqualTo("GET");
        assertThat(options.exclude()).as("a repeatable flag replaces the file's list").containsExactly("/from-flag/");
        assertThat(options.headers()).containsEntry("X-From", "file");
        assertThat(run.worker.concurrency).isEqualTo(8);
    }

    @Test
    void submitTakesTheJobOptionsAndIgnoresRunOnlyKeys() throws IOException {
        Path file = toml("""
                accept = "200..399"
                workers = 3
                timeout = "2s"
                """);

        SubmitCommand submit = parse(SubmitCommand.class, "submit", "urls.txt", "--config", file.toString());

        assertThat(submit.job.toJobOptions())
                .satisfies(o -> assertThat(o.accept()).isEqualTo("200..399"))
                .satisfies(o -> assertThat(o.timeoutMs()).isEqualTo(2000L));
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() throws IOException {
        Path file = toml("acept = \"200\"\n");
        CommandLine cli = Main.commandLine();

        assertThatThrownBy(() -> ConfigFile.expand(new String[] {"run", "urls.txt", "--config", file.toString()}, cli))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown key 'acept' in " + file)
                .hasMessageContaining("accept");
    }

    @Test
    void malformedFilesAndValuesAreErrorsNamingTheProblem() throws IOException {
        CommandLine cli = Main.commandLine();
        Path broken = toml("accept = \n");
        assertThatThrownBy(() -> ConfigFile.expand(new String[] {"run", "u", "--config", broken.toString()}, cli))
                .hasMessageContaining("is not valid TOML");
        Path flag = toml("insecure = \"yes\"\n");
        assertThatThrownBy(() -> ConfigFile.expand(new String[] {"run", "u", "--config", flag.toString()}, cli))
                .hasMessageContaining("insecure in").hasMessageContaining("is a flag");
        Path list = toml("method = [\"get\"]\n");
        assertThatThrownBy(() -> ConfigFile.expand(new String[] {"run", "u", "--config", list.toString()}, cli))
                .hasMessageContaining("takes one value");
        assertThatThrownBy(() -> ConfigFile.expand(new String[] {"run", "u", "--config", dir.resolve("none.toml").toString()}, cli))
                .hasMessageContaining("--config: no such file");
    }

    @Test
    void commandsWithoutJobsAndArgumentsWithoutACommandAreLeftAlone() throws IOException {
        CommandLine cli = Main.commandLine();
        String[] results = {"results", "--outcome", "OK"};
        String[] version = {"--version"};

        assertThat(ConfigFile.expand(results, cli)).isSameAs(results);
        assertThat(ConfigFile.expand(version, cli)).isSameAs(version);
        assertThat(ConfigFile.knownKeys(cli)).contains("accept", "exclude", "header", "concurrency", "workers", "format", "out")
                .doesNotContain("config", "help", "jdbc-password");
        assertThat(List.of(ConfigFile.expand(new String[] {"run", "u"}, cli))).as("no ./urlcheck.toml here").containsExactly("run", "u");
    }
}
