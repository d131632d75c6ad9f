package io.urlcheck.systemtests.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import io.urlcheck.systemtests.support.ProcFiles;
import io.urlcheck.systemtests.support.Targets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl+C (SIGINT) or SIGTERM (kill, timeout, a cancelled CI job) in the middle of {@code ./urlcheck run}:
 * partial but valid results, the shell's exit code for that signal, and no process left behind.
 */
class RunInterruptIT {

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130, Ctrl+C", "TERM, 143, SIGTERM"})
    void aStopSignalMidRunWritesValidPartialJsonAndLeavesNoChildProcess(String signal, int exitCode, String label)
            throws Exception {
        Path dir = Home.runDir("run-sig" + signal.toLowerCase(Locale.ROOT));
        int sinkPort = Ports.free();
        try (Targets targets = Targets.start(1)) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                urls.add(targets.url(1, "/delay/1500?n=" + i));
            }
            Path file = Files.write(dir.resolve("slow.txt"), urls);

            try (LauncherProcess run = LauncherProcess.start(dir, "run", file.toString(), "--allow-cidr", "127.0.0.0/8",
                    "--concurrency", "2", "--per-host", "2", "--sink-port", Integer.toString(sinkPort))) {
                SinkClient sink = new SinkClient("http://127.0.0.1:" + sinkPort, null);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .failFast("the launcher exited early:\n" + run.describe(), () -> !run.isAlive())
                        .until(() -> latestChecked(sink) >= 4);
                List<ProcessHandle> children = run.children();
                assertThat(children).as("broker, producer, worker and sink").hasSizeGreaterThanOrEqualTo(4);
                assertThat(children.stream().map(ProcFiles::commandLine).filter(c -> c.contains("quarkus-run.jar")))
                        .as("a run's services stop at C1, which starts quicker").hasSize(3)
                        .allMatch(c -> c.contains("-XX:TieredStopAtLevel=1"));

                run.signal(signal);

                assertThat(run.awaitExit(Duration.ofSeconds(90))).as(run.describe()).isTrue();
                assertThat(run.exitCode()).as(run.describe()).isEqualTo(exitCode);
                JsonNode array = JsonCodec.mapper().readTree(dir.resolve("results.json").toFile());
                assertThat(array.isArray()).isTrue();
                assertThat(array.size()).isBetween(4, urls.size() - 1);
                array.forEach(r -> assertThat(urls).contains(r.get("url").asText()));
                assertThat(run.stdout()).contains("PARTIAL (stopped by " + label + ")").contains("results so far in results.json");
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
                System.out.printf("RunInterruptIT: SIG%s, %d of %d results written before the stop%n", signal, array.size(),
                        urls.size());
            }
        }
    }

    private static long latestChecked(SinkClient sink) {
        try {
            return sink.latestJob().map(j -> j.checked()).orElse(0L);
        } catch (RuntimeException e) {
            return 0; // the sink is not up yet
        }
    }
}
