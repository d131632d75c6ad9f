package io.urlcheck.launcher.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the launcher finds the build ({@code -Durlcheck.home}, set by the {@code ./urlcheck} script) and
 * where each stack gets a run directory: {@code <home>/.urlcheck/runs/<time>-<command>-<pid>}, holding
 * the broker's data, the sink's files and every log. Only the newest {@value #KEEP} run directories stay.
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

    private static void prune(Path runs) throws IOException {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(runs)) {
            dirs = list.filter(Files::isDirectory).sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path old : dirs.subList(Math.min(KEEP - 1, dirs.size()), dirs.size())) {
            try (Stream<Path> walk = Files.walk(old)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
