package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.Main;
import io.urlcheck.launcher.stack.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentParsingTest {

    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void runOptionsBecomeTheWorkersOwnProperties() {
        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--concurrency", "64", "--per-host", "4",
                "--timeout", "3", "--retries", "0", "--allow-cidr", "127.0.0.0/8", "--allow-cidr", "10.0.0.0/8",
                "--deny-cidr", "10.96.0.0/12");
        StackConfig.Builder builder = StackConfig.builder(Path.of("."), Path.of("run"));
        run.worker.applyTo(builder);
        run.stack.applyTo(builder, false);
        StackConfig config = builder.build();

        assertThat(config.workerProps()).containsEntry("urlcheck.worker.max-in-flight", "64")
                .containsEntry("urlcheck.worker.max-per-host", "4")
                .containsEntry("urlcheck.worker.request-timeout", "3s")
                .containsEntry("urlcheck.worker.max-retries", "0")
                .containsEntry("urlcheck.worker.allow-cidrs", "127.0.0.0/8,10.0.0.0/8")
                .containsEntry("urlcheck.worker.deny-cidrs", "10.96.0.0/12");
        assertThat(config.sinkProps()).containsEntry("urlcheck.sink.store", "json");
        assertThat(config.producerPort()).as("run picks free ports unless told").isZero();
        assertThat(run.format).isEqualTo(ResultsExport.Format.json);
        assertThat(run.out).isNull();
    }

    @Test
    void runAndSubmitTakeSeveralFilesABaseAndTheMarkdownFormat() {
        RunCommand run = parse(RunCommand.class, "run", "README.md", "docs/", "urls.txt", "--base", "https://example.com/",
                "--format", "markdown");
        SubmitCommand submit = parse(SubmitCommand.class, "submit", "README.md", "-", "--base", "https://example.com/");

        assertThat(run.input.files).containsExactly("README.md", "docs/", "urls.txt");
        assertThat(run.input.base).isEqualTo("https://example.com/");
        assertThat(run.format).isEqualTo(ResultsExport.Format.markdown);
        assertThat(run.format.extension()).isEqualTo("md");
        assertThat(submit.input.files).containsExactly("README.md", "-");
    }

    @Test
    void aFolderWithoutDocumentsAndABaseWithoutDocumentsAreUsageErrors() throws Exception {
        Path empty = Files.createTempDirectory("no-docs");
        Path list = Files.writeString(empty.getParent().resolve(empty.getFileName() + ".txt"), "https://example.com/\n");

        assertThat(execute("run", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("holds no .md, .html or .htm file");
        assertThat(execute("submit", list.toString(), "--base", "https://example.com/")).isEqualTo(2);
        assertThat(err.toString()).contains("--base resolves links of .md, .html and .htm files");
        assertThat(execute("run", "README.md", "--base", "example.com")).isEqualTo(2);
    }

    @Test
    void workerOptionsNotGivenLeaveTheServiceDefaults() {
        RunCommand run = parse(RunCommand.class, "run", "urls.txt");
        StackConfig.Builder builder = StackConfig.builder(Path.of("."), Path.of("run"));
        run.worker.applyTo(builder);
        assertThat(builder.build().workerProps()).isEmpty();
    }

    @Test
    void upListensOnTheDocumentedPortsByDefault() {
        UpCommand up = parse(UpCommand.class, "up", "--workers", "2", "--sink-port", "9083");
        StackConfig.Builder builder = StackConfig.builder(Path.of("."), Path.of("run")).workers(up.workers);
        up.stack.applyTo(builder, true);
        StackConfig config = builder.build();

        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.producerPort()).isEqualTo(8081);
        assertThat(config.workerPort()).isEqualTo(8082);
        assertThat(config.sinkPort()).isEqualTo(9083);
        assertThat(config.workers()).isEqualTo(2);
    }

    @Test
    void postgresStoreNeedsAJdbcUrl() {
        UpCommand up = parse(UpCommand.class, "up", "--store", "postgres");
        assertThatThrownBy(() -> up.stack.applyTo(StackConfig.builder(Path.of("."), Path.of("r")), true))
                .hasMessageContaining("--jdbc-url");

        UpCommand withUrl = parse(UpCommand.class, "up", "--store", "POSTGRES", "--jdbc-url", "jdbc:postgresql://h/db");
        StackConfig.Builder builder = StackConfig.builder(Path.of("."), Path.of("r"));
        withUrl.stack.applyTo(builder, true);
        assertThat(builder.build().sinkProps()).containsEntry("urlcheck.sink.store", "postgres")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://h/db");
    }

    @Test
    void aMissingInputFileIsAUsageErrorWithoutAStackTrace() {
        int code = execute("run", "/no/such/urls.txt");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read /no/such/urls.txt").doesNotContain("Exception");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(execute("run", "urls.txt", "--colour")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--colour'");
    }

    @Test
    void badNumbersAreUsageErrors() {
        assertThat(execute("up", "--workers", "9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--workers must be between 1 and 8");
        assertThat(execute("results", "--limit", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(execute("results", "--outcome", "FINE")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aNonsenseAllowListIsRefused() {
        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--allow-cidr", "localhost");
        assertThatThrownBy(() -> run.worker.applyTo(StackConfig.builder(Path.of("."), Path.of("r"))))
                .hasMessageContaining("--allow-cidr localhost: expects an address range such as 127.0.0.0/8");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"run", "up", "submit", "results", "summary", "watch"}) {
            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            assertThat(cli.execute(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("Examples:", "./urlcheck " + command, "Exit codes:");
        }
    }

    @Test
    void aDownSinkIsOneLineAndExitCodeThree() {
        int code = execute("summary", "--sink", "http://127.0.0.1:" + io.urlcheck.launcher.stack.Ports.free());
        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).startsWith("urlcheck: cannot reach the sink at http://127.0.0.1:")
                .doesNotContain("\tat ");
    }
    @Test
    void upRefusesAPortGivenToTwoPartsBeforeAnythingStarts() {
        assertThat(execute("up", "--producer-port", "8083")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("port 8083 would serve both the producer API (--producer-port) and the"
                + " sink API (--sink-port)").doesNotContain("Exception");
    }

    @Test
    void secretsAreNoLongerCommandLineArguments() {
        assertThat(execute("up", "--store", "postgres", "--jdbc-url", "jdbc:postgresql://h/db", "--jdbc-password", "pw"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--jdbc-password is not accepted: every user can read a command line in"
                + " ps; set URLCHECK_JDBC_PASSWORD or give --jdbc-password-file FILE");
        assertThat(execute("summary", "--token", "t")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--token is not accepted: every user can read a command line in ps;"
                + " set URLCHECK_API_TOKEN or give --token-file FILE");
    }

    @Test
    void aPrivatePasswordFileBecomesTheSinksPassword(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("pg.pass"), "s3cret\n");
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        UpCommand up = parse(UpCommand.class, "up", "--store", "postgres", "--jdbc-url", "jdbc:postgresql://h/db",
                "--jdbc-password-file", file.toString());
        StackConfig.Builder builder = StackConfig.builder(Path.of("."), Path.of("r"));
        up.stack.applyTo(builder, true);

        assertThat(builder.build().sinkProps()).containsEntry("quarkus.datasource.password", "s3cret");
    }

    @Test
    void aSecretFileOtherUsersCanReadIsAUsageError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("token"), "t0ken\n");
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(execute("summary", "--token-file", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--token-file " + file + " may be read or changed by other users;"
                + " make it private with 'chmod 600 " + file + "'");
    }

    @Test
    void failOnNewWithoutABaselineIsAUsageErrorSayingWhy(@TempDir Path dir) throws Exception {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "http://a/\n");

        assertThat(execute("run", urls.toString(), "--fail-on-new")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--fail-on-new needs --baseline FILE").doesNotContain("Exception");
    }

    @Test
    void aMalformedBaselineIsAUsageErrorBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "http://a/\n");
        Path baseline = Files.writeString(dir.resolve("previous.json"), "[{\"url\": ");

        assertThat(execute("run", urls.toString(), "--baseline", baseline.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("baseline " + baseline + " is not valid JSON").doesNotContain("Exception");
    }
}
