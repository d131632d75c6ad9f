package io.urlcheck.containertests;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The suite's one decision between running, skipping and failing: it runs when a container engine
 * answers on {@code DOCKER_HOST} (Podman's Docker-compatible API, started by
 * {@code scripts/container-tests-setup}); without one it skips on a developer's machine, and fails in CI
 * ({@code CI=true}), where {@code .ci/run} installs Podman and a missing engine is a broken build.
 */
final class Engine {

    private Engine() {
    }

    /** Returns when an engine answers; otherwise skips the calling test class, or fails it in CI. */
    static void requireOrSkip() {
        String host = System.getenv("DOCKER_HOST");
        // No socket, no engine: say so without Testcontainers' own search, which logs a page of errors.
        boolean socketMissing = host != null && host.startsWith("unix://") && !Files.exists(Path.of(host.substring("unix://".length())));
        if (!socketMissing && DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String why = "no container engine answers on DOCKER_HOST=" + host
                + " (scripts/podman-setup installs and configures Podman)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the container suite must run, but " + why);
        }
        Assumptions.abort("container suite skipped: " + why);
    }
}
