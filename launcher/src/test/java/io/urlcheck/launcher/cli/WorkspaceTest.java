package io.urlcheck.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceTest {

    @TempDir
    Path runs;

    @Test
    void pruningKeepsTheNewestRunsAndNeverARunWhoseLauncherIsStillRunning() throws Exception {
        long alive = ProcessHandle.current().pid();
        long dead = exitedPid();
        Path running = runDir("20261201-080000-up-" + alive); // the oldest of all, still in use
        for (int i = 0; i < 12; i++) {
            runDir(String.format("20261202-0800%02d-run-%d", i, dead));
        }

        Workspace.prune(runs);

        assertThat(running.resolve("kafka/data/urlcheck.intake-0/leader-epoch-checkpoint")).exists();
        try (Stream<Path> left = Files.list(runs)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "20261201-080000-up-" + alive,
                    "20261202-080003-run-" + dead, "20261202-080004-run-" + dead, "20261202-080005-run-" + dead,
                    "20261202-080006-run-" + dead, "20261202-080007-run-" + dead, "20261202-080008-run-" + dead,
                    "20261202-080009-run-" + dead, "20261202-080010-run-" + dead, "20261202-080011-run-" + dead);
        }
    }

    @Test
    void twoLaunchersPruningTheSameRunsAtOnceBothCarryOn() throws Exception {
        long dead = exitedPid();
        for (int i = 0; i < 200; i++) {
            Path dir = runDir(String.format("20261202-08%04d-run-%d", i, dead));
            for (int f = 0; f < 20; f++) {
                Files.writeString(dir.resolve("kafka/data/urlcheck.intake-0/" + f + ".log"), "x");
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService launchers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> prunes = List.of(launchers.submit(() -> prune(start)), launchers.submit(() -> prune(start)));
            start.countDown();
            for (Future<?> prune : prunes) {
                prune.get(1, TimeUnit.MINUTES); // throws if a prune failed
            }
        } finally {
            launchers.shutdownNow();
        }

        try (Stream<Path> left = Files.list(runs)) {
            assertThat(left).hasSize(Workspace.KEEP - 1);
        }
    }

    private Void prune(CountDownLatch start) throws Exception {
        start.await();
        Workspace.prune(runs);
        return null;
    }

    @Test
    void aDirectoryNotNamedByALauncherCountsAsFinished() {
        assertThat(Workspace.launcherAlive(Path.of("notes"))).isFalse();
        assertThat(Workspace.launcherAlive(Path.of("20261202-080000-up-" + ProcessHandle.current().pid()))).isTrue();
    }

    private Path runDir(String name) throws IOException {
        Path dir = runs.resolve(name);
        Path data = Files.createDirectories(dir.resolve("kafka/data/urlcheck.intake-0"));
        Files.writeString(data.resolve("leader-epoch-checkpoint"), "0\n0\n");
        return dir;
    }

    private static long exitedPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
