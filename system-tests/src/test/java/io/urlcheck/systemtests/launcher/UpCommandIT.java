package io.urlcheck.systemtests.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.systemtests.support.DefaultPorts;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import io.urlcheck.systemtests.support.ProcFiles;
import io.urlcheck.systemtests.support.Targets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./urlcheck up --workers 2} as a real process, on its default ports as a user runs it and on free
 * ports, then {@code submit --wait}, {@code results} and {@code summary} against it; the work spreads over both
 * workers; its services run with the tiered JIT; a {@code kill -9} of the launcher takes its children along; a
 * worker killed under it is restarted.
 */
class UpCommandIT {

    private static final int HOSTS = 16;
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    /** Where {@code up} is told to listen: on its documented defaults, as a user runs it, or on free ports. */
    enum PortChoice { DEFAULTS, FREE }

    @ParameterizedTest
    @EnumSource(PortChoice.class)
    void upThenSubmitResultsAndSummaryWithTwoWorkersSharingTheWork(PortChoice ports) throws Exception {
        Path dir = Home.runDir("up-" + ports.name().toLowerCase());
        List<String> args = new ArrayList<>(List.of("up", "--workers", "2", "--allow-cidr", "127.0.0.0/8"));
        int kafka = 9092;
        String producerUrl = "http://127.0.0.1:8081";
        String sinkUrl = "http://127.0.0.1:8083";
        List<String> workerUrls = List.of("http://127.0.0.1:8082", "http://127.0.0.1:8084");
        if (ports == PortChoice.FREE) {
            kafka = Ports.free();
            int producer = Ports.free();
            int sink = Ports.free();
            int worker = Ports.free();
            producerUrl = "http://127.0.0.1:" + producer;
            sinkUrl = "http://127.0.0.1:" + sink;
            workerUrls = List.of("http://127.0.0.1:" + worker);
            args.addAll(List.of("--kafka-port", Integer.toString(kafka), "--producer-port", Integer.toString(producer),
                    "--worker-port", Integer.toString(worker), "--sink-port", Integer.toString(sink)));
        }
        try (Targets targets = Targets.start(HOSTS);
             LauncherProcess up = ports == PortChoice.DEFAULTS ? DefaultPorts.startUp(dir, args)
                     : LauncherProcess.start(dir, args.toArray(String[]::new))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .failFast("up exited:\n" + up.describe(), () -> !up.isAlive())
                    .until(() -> up.reportedUp());
            assertThat(up.stdout()).contains(producerUrl + "/api/jobs", sinkUrl + "/api/results", "127.0.0.1:" + kafka,
                    "worker-1", "worker-2");
            for (String worker : workerUrls) {
                assertThat(up.stdout()).contains(worker + "/q/health");
            }
            awaitBothWorkersAssigned("127.0.0.1:" + kafka);

            List<String> urls = new ArrayList<>();
            for (int host = 1; host <= HOSTS; host++) {
                for (int i = 0; i < 4; i++) {
                    urls.add(targets.url(host, i == 0 ? "/status/404" : "/delay/200?n=" + i));
                }
            }
            Path file = Files.write(dir.resolve("urls.txt"), urls);

            LauncherProcess submit = ports == PortChoice.DEFAULTS
                    ? LauncherProcess.run(dir, CLI_TIMEOUT, "submit", file.toString(), "--wait")
                    : LauncherProcess.run(dir, CLI_TIMEOUT, "submit", file.toString(), "--wait",
                            "--producer", producerUrl, "--sink", sinkUrl);
            assertThat(submit.exitCode()).as(submit.describe()).isZero();
            String jobId = submit.stdout().lines().findFirst().orElseThrow();
            assertThat(jobId).matches("[A-Za-z0-9._:-]{1,128}");
            assertThat(submit.stdout()).contains("OUTCOME", "LATENCY", "done");

            LauncherProcess json = LauncherProcess.run(dir, CLI_TIMEOUT, "results", "--job", jobId, "--format", "json",
                    "--sink", sinkUrl);
            assertThat(json.exitCode()).as(json.describe()).isZero();
            JsonNode results = JsonCodec.mapper().readTree(json.stdout());
            assertThat(results).hasSize(urls.size());
            Set<String> workers = new HashSet<>();
            results.forEach(r -> workers.add(r.get("workerId").asText()));
            assertThat(workers).as("both workers checked some URLs").containsExactlyInAnyOrder("worker-1", "worker-2");

            LauncherProcess table = LauncherProcess.run(dir, CLI_TIMEOUT, "results", "--job", jobId,
                    "--outcome", "HTTP_ERROR", "--sink", sinkUrl);
            assertThat(table.exitCode()).as(table.describe()).isZero();
            assertThat(table.stdout().lines().filter(l -> l.startsWith("HTTP_ERROR"))).hasSize(HOSTS);
            assertThat(table.stdout()).contains(HOSTS + " results").doesNotContain("\nOK ");

            LauncherProcess csv = LauncherProcess.run(dir, CLI_TIMEOUT, "results", "--job", jobId, "--format", "csv",
                    "--sink", sinkUrl);
            assertThat(csv.stdout().lines()).hasSize(1 + urls.size());

            LauncherProcess summary = LauncherProcess.run(dir, CLI_TIMEOUT, "summary", "--job", jobId, "--sink", sinkUrl);
            assertThat(summary.exitCode()).as(summary.describe()).isZero();
            assertThat(summary.stdout()).contains("job " + jobId, "OUTCOME", "LATENCY", "SLOWEST")
                    .containsPattern("OK\\s+" + (urls.size() - HOSTS) + "\\s")
                    .containsPattern("HTTP_ERROR\\s+" + HOSTS + "\\s");
            System.out.printf("UpCommandIT: %d URLs, checked by %s%n", results.size(), workers);

            List<ProcessHandle> children = up.children();
            assertThat(children).as("broker, producer, two workers, sink").hasSizeGreaterThanOrEqualTo(5);
            List<String> services = children.stream().map(ProcFiles::commandLine)
                    .filter(c -> c.contains("quarkus-run.jar")).toList();
            assertThat(services).hasSize(4);
            assertThat(services.stream().filter(c -> c.contains("worker-service")))
                    .as("up's workers keep the tiered JIT, as deploy/ runs them").hasSize(2)
                    .noneMatch(c -> c.contains("-XX:TieredStopAtLevel"));
            assertThat(services.stream().filter(c -> !c.contains("worker-service")))
                    .as("up's producer and sink start on C1 and leave the CPU of C2's compiles to the workers")
                    .hasSize(2).allMatch(c -> c.contains("-XX:TieredStopAtLevel=1"));
            up.signal("KILL");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(children).as("children die with a kill -9'd launcher")
                            .noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void aWorkerKilledUnderUpIsRestartedAndTheNextJobIsChecked() throws Exception {
        Path dir = Home.runDir("up-restart");
        int producer = Ports.free();
        int sink = Ports.free();
        try (Targets targets = Targets.start(2);
             LauncherProcess up = LauncherProcess.start(dir, "up", "--allow-cidr", "127.0.0.0/8",
                     "--kafka-port", Integer.toString(Ports.free()), "--producer-port", Integer.toString(producer),
                     "--worker-port", Integer.toString(Ports.free()), "--sink-port", Integer.toString(sink))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .failFast("up exited:\n" + up.describe(), () -> !up.isAlive())
                    .until(() -> up.reportedUp());
            ProcessHandle worker = worker(up);

            worker.destroyForcibly(); // as the kernel's OOM killer or a crash ends a JVM
            await("the supervisor restarts it").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .failFast("up exited:\n" + up.describe(), () -> !up.isAlive())
                    .until(() -> up.stderr().contains("urlcheck: worker-1 restarted"));
            assertThat(up.stderr()).contains("urlcheck: worker-1 exited with code 137; restarting it (log: ");
            assertThat(worker(up).pid()).as("a new worker JVM").isNotEqualTo(worker.pid());

            Path file = Files.write(dir.resolve("urls.txt"), List.of(targets.url(1, "/status/200"), targets.url(2, "/status/200")));
            LauncherProcess submit = LauncherProcess.run(dir, CLI_TIMEOUT, "submit", file.toString(), "--wait",
                    "--producer", "http://127.0.0.1:" + producer, "--sink", "http://127.0.0.1:" + sink);
            assertThat(submit.exitCode()).as(submit.describe()).isZero();
            assertThat(submit.stdout()).containsPattern("OK\\s+2\\s");
        }
    }

    private static ProcessHandle worker(LauncherProcess up) {
        return up.children().stream().filter(ProcessHandle::isAlive)
                .filter(child -> ProcFiles.commandLine(child).contains("worker-service")).findFirst().orElseThrow();
    }

    /** The consumer group has both workers, each with partitions: the spread is then up to the key hashing. */
    private static void awaitBothWorkersAssigned(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("urlcheck-worker"))
                        .all().get(10, TimeUnit.SECONDS).get("urlcheck-worker");
                return group.members().size() == 2 && group.members().stream()
                        .map(MemberDescription::assignment).allMatch(a -> !a.topicPartitions().isEmpty());
            });
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("urlcheck-worker")).all()
                    .get(10, TimeUnit.SECONDS).get("urlcheck-worker");
            // A joining or leaving worker moves only the partitions that change owner (deploy scales workers often).
            assertThat(group.partitionAssignor()).as("the workers' group rebalances incrementally").isEqualTo("cooperative-sticky");
        }
    }
}
