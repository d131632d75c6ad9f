package io.urlcheck.systemtests.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import io.urlcheck.systemtests.support.ProcFiles;
import io.urlcheck.systemtests.support.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ./urlcheck run} as a real process on a mixed file: each output format, and the exit codes. */
class RunCommandIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static Targets targets;

    @BeforeAll
    static void startTargets() {
        targets = Targets.start(1);
    }

    @AfterAll
    static void stopTargets() {
        targets.close();
    }

    @Test
    void jsonIsOneArrayWithEveryInputOnceAndExitZeroDespiteFailures() throws Exception {
        Path dir = Home.runDir("run-json");
        MixedInput input = new MixedInput(targets, dir);

        LauncherProcess run = LauncherProcess.run(dir, RUN_TIMEOUT,
                "run", input.file.toString(), "--allow-cidr", "127.0.0.0/8");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode array = JsonCodec.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(array.isArray()).isTrue();
        Map<String, Outcome> actual = new HashMap<>();
        array.forEach(r -> actual.put(r.get("url").asText(), Outcome.valueOf(r.get("outcome").asText())));
        assertThat(array).hasSize(input.expected.size());
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(input.expected);
        assertThat(run.stdout()).contains("OUTCOME", "LATENCY", "HTTP_ERROR")
                .contains("urlcheck: 10/10 URLs checked in ").contains("results in results.json")
                .contains(" inputs, 2 blank or comment lines and 1 repeat were not checked; ");
        assertThat(run.stderr()).contains("stack ready in").doesNotContain("Exception").doesNotContain("\u001b[");
    }

    @Test
    void jsonLinesHaveOneResultPerLineAndFailOnErrorExitsOne() throws Exception {
        Path dir = Home.runDir("run-jsonl");
        MixedInput input = new MixedInput(targets, dir);

        LauncherProcess run = LauncherProcess.run(dir, RUN_TIMEOUT, "run", input.file.toString(),
                "--allow-cidr", "127.0.0.0/8", "--format", "jsonl", "--out", "out/results.jsonl", "--fail-on-error");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        List<String> lines = Files.readAllLines(dir.resolve("out/results.jsonl"));
        assertThat(lines).hasSize(input.expected.size());
        Map<String, Outcome> actual = new HashMap<>();
        for (String line : lines) {
            JsonNode r = JsonCodec.mapper().readTree(line);
            actual.put(r.get("url").asText(), Outcome.valueOf(r.get("outcome").asText()));
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(input.expected);
    }

    @Test
    void csvHasAHeaderAndOneRowPerInputAndQuietPrintsOnlyTheSummaryLine() throws Exception {
        QuietCsvRun csv = quietCsvRun();
        LauncherProcess run = csv.run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> lines = Files.readAllLines(csv.dir().resolve("results.csv"));
        assertThat(lines.get(0)).startsWith("url,outcome,statusCode");
        assertThat(lines).hasSize(1 + csv.input().expected.size());
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(targets.url(1, "/status/404?n=1") + ",HTTP_ERROR,404,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(targets.url(1, "/redirect") + ",OK,200,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("not a url,INVALID_URL,"));
        assertThat(run.stdout().lines().toList()).as(run.describe()).hasSize(1);
        assertThat(run.stdout()).startsWith("urlcheck: 10/10 URLs checked");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void anApiTokenInTheCallersEnvironmentDoesNotLockTheRunOutOfItsOwnStack() {
        LauncherProcess run = quietCsvRun().run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).startsWith("urlcheck: 10/10 URLs checked");
    }

    @Test
    void runLogsGiveEveryJvmsCpuTimeAtReadyAndKillAndShowTheWorkerStartedWithoutTheWarmUp() throws Exception {
        LauncherProcess run = quietCsvRun().run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        Path runDir = runDir(run).orElseThrow();
        String cpu = "\\(CPU s: launcher \\d+\\.\\d{2}, producer \\d+\\.\\d{2}, sink \\d+\\.\\d{2}, worker-1 \\d+\\.\\d{2}, "
                + "kafka \\d+\\.\\d{2}\\)";
        assertThat(Files.readAllLines(runDir.resolve("logs/launcher.log")))
                .anySatisfy(line -> assertThat(line).matches(".* s  stack: ready " + cpu))
                .anySatisfy(line -> assertThat(line).matches(".* s  stack: killing " + cpu));
        // A one-shot run's stack is ready when its broker is; the worker's warm-up would only delay it (LocalStack).
        assertThat(Files.readAllLines(runDir.resolve("logs/worker-1.log")))
                .anySatisfy(line -> assertThat(line).contains("warm-up off (urlcheck.worker.warm-up.checks=0)"))
                .noneSatisfy(line -> assertThat(line).contains("warm-up: "));
    }

    @Test
    void theSummaryIsPrintedBeforeTheStackIsStopped() throws Exception {
        LauncherProcess run = quietCsvRun().run();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> phases = Files.readAllLines(runDir(run).orElseThrow().resolve("logs/launcher.log")).stream()
                .map(line -> line.replaceFirst("^\\S+\\s+\\d+\\.\\d+ s  ", "")).toList();
        int printed = indexOfFirst(phases, "run: summary printed");
        int killing = indexOfFirst(phases, "stack: killing");
        assertThat(printed).as(String.join("\n", phases)).isNotNegative().isLessThan(killing);
        assertThat(indexOfFirst(phases, "run: results written")).isNotNegative().isLessThan(printed);
    }

    private static int indexOfFirst(List<String> phases, String prefix) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aWorkerKilledMidRunIsRestartedAndEveryUrlStillGetsOneResult() throws Exception {
        Path dir = Home.runDir("run-worker-killed");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            urls.add(targets.url(1, "/delay/1000?n=" + i));
        }
        Path file = Files.write(dir.resolve("urls.txt"), urls);

        try (LauncherProcess run = LauncherProcess.start(dir, "run", file.toString(), "--allow-cidr", "127.0.0.0/8",
                "--concurrency", "4")) {
            await("the run's first result").atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .failFast("run exited:\n" + run.describe(), () -> !run.isAlive())
                    .until(() -> runDir(run).map(d -> d.resolve("logs/launcher.log"))
                            .filter(log -> contains(log, "run: first result seen")).isPresent());
            Path launcherLog = runDir(run).orElseThrow().resolve("logs/launcher.log");
            ProcessHandle worker = run.children().stream()
                    .filter(child -> ProcFiles.commandLine(child).contains("worker-service")).findFirst().orElseThrow();

            worker.destroyForcibly(); // mid-job: four checks under way, most of the file still to come

            assertThat(run.awaitExit(RUN_TIMEOUT)).as("the run ends\n" + run.describe()).isTrue();
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.stderr()).contains("urlcheck: worker-1 exited with code 137; restarting it")
                    .contains("urlcheck: worker-1 restarted");
            assertThat(Files.readString(launcherLog)).contains("worker-1: restarted and ready");
            JsonNode array = JsonCodec.mapper().readTree(dir.resolve("results.json").toFile());
            List<String> checked = new ArrayList<>();
            array.forEach(r -> checked.add(r.get("url").asText()));
            assertThat(checked).as("each URL once").containsExactlyInAnyOrderElementsOf(urls);
            array.forEach(r -> assertThat(r.get("outcome").asText()).isEqualTo(Outcome.OK.name()));
            assertThat(run.stdout()).contains("urlcheck: 24/24 URLs checked");
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> runDir(LauncherProcess run) throws IOException {
        try (Stream<Path> runs = Files.list(Home.path().resolve(".urlcheck/runs"))) {
            return runs.filter(d -> d.getFileName().toString().endsWith("-run-" + run.process().pid())).findFirst();
        }
    }

    @Test
    void aDenyRangeBlocksAddressesThatAnAllowRangeOpens() throws Exception {
        Path dir = Home.runDir("run-deny");
        Path file = dir.resolve("urls.txt");
        String url = targets.url(1, "/status/200");
        Files.writeString(file, url + "\n");

        LauncherProcess run = LauncherProcess.run(dir, RUN_TIMEOUT, "run", file.toString(),
                "--allow-cidr", "127.0.0.0/8", "--deny-cidr", "127.0.0.1/32", "--quiet");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode result = JsonCodec.mapper().readTree(dir.resolve("results.json").toFile()).get(0);
        assertThat(result.get("url").asText()).isEqualTo(url);
        assertThat(result.get("outcome").asText()).isEqualTo(Outcome.BLOCKED.name());
        assertThat(result.get("error").asText()).contains("127.0.0.1/32").contains("urlcheck.worker.deny-cidrs");
    }

    @Test
    void aMissingFileIsAUsageErrorBeforeAnythingStarts() {
        Path dir = Home.runDir("run-missing");
        LauncherProcess run = LauncherProcess.run(dir, Duration.ofSeconds(60), "run", "no-such-file.txt");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).contains("cannot read no-such-file.txt").doesNotContain("Exception");
    }

    /** A quiet CSV run, with an API token for another stack in the caller's environment. */
    private record QuietCsvRun(Path dir, MixedInput input, LauncherProcess run) {
    }

    private static QuietCsvRun quietCsv;

    /**
     * The quiet CSV run, made once for the tests that read it (its output, its exit, its launcher log): a
     * run's cost is mostly its stack's start, and none of these tests changes what the others see.
     */
    private static synchronized QuietCsvRun quietCsvRun() {
        if (quietCsv == null) {
            Path dir = Home.runDir("run-csv");
            MixedInput input = new MixedInput(targets, dir);
            LauncherProcess run = LauncherProcess.run(dir, RUN_TIMEOUT, Map.of("URLCHECK_API_TOKEN", "for-another-stack"),
                    "run", input.file.toString(), "--allow-cidr", "127.0.0.0/8", "--format", "csv", "--out", "results.csv",
                    "--quiet");
            quietCsv = new QuietCsvRun(dir, input, run);
        }
        return quietCsv;
    }
}
