package io.urlcheck.systemtests.launcher;

import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.chaos.Pipeline;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import io.urlcheck.systemtests.support.ProcFiles;
import io.urlcheck.systemtests.support.SaslPlainListener;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * No secret on a command line, where every user of the machine reads it ({@code ps}, {@code /proc/<pid>/cmdline}):
 * the JDBC password, the API token and the SASL password reach the services through their environments, the
 * broker's through its config file of mode 600, and the stack works with them.
 */
class SecretsStayOffCommandLinesIT {

    @BeforeAll
    static void linuxOnly() {
        assumeThat(ProcFiles.available()).as("/proc/<pid>/cmdline").isTrue();
    }

    @Test
    void upWithThePostgresStoreGivesTheSinkItsPasswordThroughItsEnvironmentOnly() throws Exception {
        String password = "pg-password-" + UUID.randomUUID();
        Path dir = Home.runDir("secrets-up");
        try (PostgresServer postgres = PostgresServer.start(false);
             LauncherProcess up = LauncherProcess.start(dir, Map.of("URLCHECK_JDBC_PASSWORD", password), "up",
                     "--store", "postgres", "--jdbc-url", postgres.createDatabase("urlcheck"),
                     "--jdbc-user", PostgresServer.USER, "--kafka-port", port(), "--producer-port", port(),
                     "--worker-port", port(), "--sink-port", port())) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .failFast("up exited:\n" + up.describe(), () -> !up.isAlive())
                    .until(() -> up.reportedUp());

            List<ProcessHandle> children = up.children();
            assertThat(children).as("broker, producer, worker, sink").hasSizeGreaterThanOrEqualTo(4);
            for (ProcessHandle child : children) {
                assertThat(ProcFiles.commandLine(child)).as("command line of %d", child.pid()).doesNotContain(password);
            }
            ProcessHandle sink = children.stream().filter(p -> ProcFiles.commandLine(p).contains("sink-service"))
                    .findFirst().orElseThrow();
            assertThat(ProcFiles.environment(sink)).as("the sink's environment")
                    .contains("quarkus.datasource.password=" + password);
            for (ProcessHandle child : children) {
                if (!child.equals(sink)) {
                    assertThat(ProcFiles.environment(child)).as("environment of %s", ProcFiles.commandLine(child))
                            .doesNotContain(password);
                }
            }
        }
    }

    @Test
    void aStackWithAnApiTokenAndSaslSslKeepsBothOffEveryCommandLineAndWorks() throws Exception {
        String token = "api-token-" + UUID.randomUUID();
        String saslPassword = "sasl-password-" + UUID.randomUUID();
        try (Pipeline run = Pipeline.builder("secretsOffCommandLines").workers(1).apiToken(token)
                .kafkaSaslSsl("urlcheck", saslPassword).start()) {
            LocalStack stack = run.stack();
            SaslPlainListener.Tls tls = run.sasl().tls();
            List<String> secrets = List.of(token, saslPassword, tls.keyStorePassword());

            List<String> urls = run.fleet().delayedUrls("secrets", 10, 0);
            run.submit("secrets", urls);
            JobStatus done = run.awaitDone("secrets", urls.size());
            assertThat(done.checked()).isEqualTo(urls.size());

            List<ProcessHandle> processes = new ArrayList<>();
            processes.add(handle(stack.kafka().process().pid()));
            Stream.concat(Stream.of(stack.producer(), stack.sink()), stack.workers().stream())
                    .map(ServiceProcess::process).forEach(p -> processes.add(handle(p.pid())));
            for (ProcessHandle process : processes) {
                String commandLine = ProcFiles.commandLine(process);
                assertThat(secrets).as("secrets on the command line %s", commandLine).noneMatch(commandLine::contains);
            }
            assertThat(Pipeline.probe(stack.producerUrl() + "/api/jobs/secrets")).as("the token reached the producer")
                    .isEqualTo(401);
            assertThat(Pipeline.probe(stack.sinkUrl() + "/api/jobs/secrets")).as("the token reached the sink")
                    .isEqualTo(401);
            String producerEnvironment = ProcFiles.environment(handle(stack.producer().process().pid()));
            assertThat(producerEnvironment).contains("urlcheck.api.token=" + token).contains(saslPassword);

            Path brokerConfig = stack.config().runDir().resolve("kafka/server.properties");
            assertThat(Files.readString(brokerConfig)).contains(saslPassword);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(brokerConfig))).isEqualTo("rw-------");
        }
    }

    private static ProcessHandle handle(long pid) {
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("process " + pid + " is gone"));
    }

    private static String port() {
        return Integer.toString(Ports.free());
    }
}
