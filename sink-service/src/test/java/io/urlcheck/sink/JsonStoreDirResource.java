package io.urlcheck.sink;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Gives a {@code @QuarkusTest} a fresh, empty JSON store directory, and selects the JSON store. */
public class JsonStoreDirResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Path dir;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target"), "json-store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A JDBC URL nothing listens at: with the JSON store the datasource must stay inactive, so
        // neither Flyway at start nor the readiness check may touch it.
        return Map.of("urlcheck.sink.store", "json", "urlcheck.sink.json.dir", dir.toString(),
                "urlcheck.sink.json.snapshot-interval", "100ms",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nothing-listens-here");
    }

    /** The directory of the running test application's store. */
    public static Path dir() {
        return dir;
    }

    @Override
    public void stop() {
        // Left in target/ for post-mortems; mvn clean removes it.
    }
}
