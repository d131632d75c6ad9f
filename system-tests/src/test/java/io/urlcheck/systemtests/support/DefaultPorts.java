package io.urlcheck.systemtests.support;

import io.urlcheck.launcher.stack.Ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * {@code ./urlcheck up} on its documented default ports (producer 8081, workers 8082 and 8084-8090, sink 8083,
 * Kafka 9092), as a user runs it. Other test runs on the same machine may hold one of these ports for a while,
 * so a start waits until they are free and starts again when the launcher's own check finds one taken.
 */
public final class DefaultPorts {

    /** Every port {@code up --workers 8} plans with the defaults. */
    public static final List<Integer> ALL = IntStream.concat(IntStream.rangeClosed(8081, 8090), IntStream.of(9092))
            .boxed().toList();
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final int ATTEMPTS = 5;

    private DefaultPorts() {
    }

    /**
     * Starts {@code urlcheck <args>} (an {@code up} without port options) once the default ports are free; when
     * the launcher reports a port already in use (taken by someone else in between), waits and tries again.
     * Returns the launcher still starting or running; the caller waits for {@code urlcheck is up}.
     */
    public static LauncherProcess startUp(Path workDir, List<String> args) {
        for (int attempt = 1; ; attempt++) {
            awaitFree();
            LauncherProcess up = LauncherProcess.start(workDir, args.toArray(String[]::new));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !up.isAlive() || up.reportedUp());
            boolean portTaken = !up.isAlive() && up.stderr().contains("is already in use; choose another");
            if (!portTaken || attempt == ATTEMPTS) {
                return up;
            }
            System.out.printf("DefaultPorts: a default port was taken (%s); trying again%n",
                    up.stderr().strip().lines().reduce((a, b) -> b).orElse(""));
        }
    }

    /** Waits until nothing listens on any default port. */
    public static void awaitFree() {
        await("the default ports " + ALL + " are free").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2))
                .until(() -> ALL.stream().allMatch(Ports::isFree));
    }
}
