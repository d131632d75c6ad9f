package io.urlcheck.systemtests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where the packaged services and the launcher jar are; failsafe passes it as {@code urlcheck.home}. */
public final class Home {

    private Home() {
    }

    /** The root: {@code -Durlcheck.home}, else the parent of this module's directory. */
    public static Path path() {
        String configured = System.getProperty("urlcheck.home");
        Path home = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(home.resolve("launcher"))) {
            throw new IllegalStateException(home + " is not the urlcheck repository root");
        }
        return home.toAbsolutePath().normalize();
    }

    /** A fresh directory for one test's files under {@code system-tests/target/it-runs}. */
    public static Path runDir(String name) {
        try {
            Path base = home().resolve("system-tests/target/it-runs");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path home() {
        return path();
    }
}
