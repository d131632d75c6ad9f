package io.urlcheck.launcher.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Where the launcher finds the build ({@code -Durlcheck.home}, set by the {@code ./urlcheck} script) and
 * where each stack gets a run directory: {@code <home>/.urlcheck/runs/<time>-<command>-<pid>}, holding
 * the broker's data, the sink's files and every log. Only the newest {@value #KEEP} run directories stay, plus
 * any whose launcher is still running: an {@code up} left running in one terminal keeps its broker's data however
 * many {@code run}s start in another.
 */
final class Workspace {

    static final int KEEP = 10;

    private Workspace() {
    }

    /** The repository root the launcher runs from. */
    static Path home() {
        return Path.of(System.getProperty("urlcheck.home", ".")).toAbsolutePath().normalize();
    }

    /** A fresh run directory for {@code command}; prunes the oldest ones. */
    static Path newRunDir(String command) {
        Path runs = home().resolve(".urlcheck").resolve("runs");
        String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + command
                + "-" + ProcessHandle.current().pid();
        try {
            Files.createDirectories(runs);
            prune(runs);
            return Files.createDirectories(runs.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + runs, e);
        }
    }

    /**
     * Deletes all but the newest {@code KEEP - 1} run directories (the caller's new one makes {@value #KEEP}),
     * skipping those whose launcher is alive. Another launcher may be pruning the same directories: an entry that
     * is gone by the time it is reached is not an error. A directory that cannot be deleted is reported and kept;
     * housekeeping never stops a command.
     */
    static void prune(Path runs) throws IOException {
        List<Path> finished;
        try (Stream<Path> list = Files.list(runs)) {
            finished = list.filter(Files::isDirectory).filter(dir -> !launcherAlive(dir))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path old : finished.subList(Math.min(KEEP - 1, finished.size()), finished.size())) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                System.err.println("urlcheck: cannot remove the old run directory " + old + ": " + e);
            }
        }
    }

    /** Whether the launcher that made {@code runDir} (its name ends with the launcher's pid) is still running. */
    static boolean launcherAlive(Path runDir) {
        OptionalLong pid = pidOf(runDir.getFileName().toString());
        return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static OptionalLong pidOf(String name) {
        try {
            return OptionalLong.of(Long.parseLong(name.substring(name.lastIndexOf('-') + 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
