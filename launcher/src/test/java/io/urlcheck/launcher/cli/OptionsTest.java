package io.urlcheck.launcher.cli;

import io.urlcheck.launcher.Main;
import io.urlcheck.launcher.stack.StackConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    private static StackConfig.Builder builder() {
        return StackConfig.builder(Path.of("."), Path.of("run"));
    }

    @Test
    void aPortOutsideOneTo65535IsRefused() {
        for (String port : new String[] {"0", "65536", "-1"}) {
            UpCommand up = parse(UpCommand.class, "up", "--sink-port", port);
            assertThatThrownBy(() -> up.stack.applyTo(builder(), true)).as(port)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a port must be between 1 and 65535, got " + port);
        }
    }

    @Test
    void runLeavesEveryPortNotGivenToAFreePortAndKeepsAGivenOne() {
        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--kafka-port", "19092");
        StackConfig.Builder builder = builder();
        run.stack.applyTo(builder, false);
        StackConfig config = builder.build();

        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.producerPort()).isZero();
        assertThat(config.workerPort()).isZero();
        assertThat(config.sinkPort()).isZero();
    }

    @Test
    void thePostgresUserGoesToTheSinkOnly() {
        UpCommand up = parse(UpCommand.class, "up", "--store", "postgres", "--jdbc-url", "jdbc:postgresql://h/db",
                "--jdbc-user", "checker");
        StackConfig.Builder builder = builder();
        up.stack.applyTo(builder, true);
        StackConfig config = builder.build();

        assertThat(config.sinkProps()).containsEntry("quarkus.datasource.username", "checker");
        assertThat(config.producerProps()).isEmpty();
        assertThat(config.workerProps()).isEmpty();
    }

    @Test
    void jdbcSettingsAreIgnoredWithTheJsonStore() {
        UpCommand up = parse(UpCommand.class, "up", "--jdbc-url", "jdbc:postgresql://h/db", "--jdbc-user", "u");
        StackConfig.Builder builder = builder();
        up.stack.applyTo(builder, true);

        assertThat(builder.build().sinkProps()).containsOnlyKeys("urlcheck.sink.store")
                .containsEntry("urlcheck.sink.store", "json");
    }

    @Test
    void concurrencyPerHostAndTimeoutMustBeAtLeastOne() {
        for (String option : new String[] {"--concurrency", "--per-host"}) {
            RunCommand run = parse(RunCommand.class, "run", "urls.txt", option, "0");
            assertThatThrownBy(() -> run.worker.applyTo(builder())).as(option)
                    .hasMessage(option + " must be at least 1, got 0");
        }
        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--timeout", "0");
        assertThatThrownBy(() -> run.worker.applyTo(builder())).hasMessage("--timeout must be from 1ms to 10m; got '0'");
    }

    @Test
    void retriesMayBeZeroButNotNegative() {
        RunCommand none = parse(RunCommand.class, "run", "urls.txt", "--retries", "0");
        StackConfig.Builder builder = builder();
        none.worker.applyTo(builder);
        assertThat(builder.build().workerProps()).containsEntry("urlcheck.worker.max-retries", "0");

        RunCommand negative = parse(RunCommand.class, "run", "urls.txt", "--retries", "-1");
        assertThatThrownBy(() -> negative.worker.applyTo(builder()))
                .hasMessage("--retries must be 0 or more, got -1");
    }

    @Test
    void anIpv6RangeIsAValidAllowListEntry() {
        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--allow-cidr", "::1/128");
        StackConfig.Builder builder = builder();
        run.worker.applyTo(builder);

        assertThat(builder.build().workerProps()).containsEntry("urlcheck.worker.allow-cidrs", "::1/128");
    }

    @Test
    void theApisDefaultToTheLocalStacksPorts() {
        SummaryCommand summary = parse(SummaryCommand.class, "summary");

        assertThat(summary.api.sink().baseUrl()).isEqualTo(System.getenv().getOrDefault("URLCHECK_SINK",
                "http://127.0.0.1:8083"));
    }

    @Test
    void aGivenSinkUrlIsTheOneTheClientUses() {
        SummaryCommand summary = parse(SummaryCommand.class, "summary", "--sink", "http://10.0.0.5:9083");

        assertThat(summary.api.sink().baseUrl()).isEqualTo("http://10.0.0.5:9083");
    }

    @Test
    void aUsageErrorNamesTheCommandsHelp() {
        assertThat(Cli.usage(new WatchCommand(), "bad")).hasMessage("bad (see ./urlcheck watch --help)");
    }

    @Test
    void aBadOptionOfRunOrUpIsAUsageErrorOfThatCommand() {
        RunCommand run = parse(RunCommand.class, "run", "urls.txt", "--per-host", "0");

        assertThatThrownBy(() -> StackStart.configure(run, OptionsTest::builder, run.worker, run.stack, false))
                .isInstanceOf(Cli.UsageException.class)
                .hasMessage("--per-host must be at least 1, got 0 (see ./urlcheck run --help)");
    }

    @Test
    void twoPartsOnOnePortAreAUsageErrorOfUp() {
        UpCommand up = parse(UpCommand.class, "up", "--kafka-port", "8081");

        assertThatThrownBy(() -> StackStart.configure(up, OptionsTest::builder, up.worker, up.stack, true))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("port 8081 would serve both")
                .hasMessageEndingWith("(see ./urlcheck up --help)");
    }
}
