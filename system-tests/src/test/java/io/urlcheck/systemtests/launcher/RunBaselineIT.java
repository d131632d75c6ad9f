package io.urlcheck.systemtests.launcher;

import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import io.urlcheck.systemtests.support.Targets;
import io.urlcheck.testkit.TargetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./urlcheck run --baseline --fail-on-new} as CI runs it: the packaged launcher run twice against loopback
 * targets, one of which the test flips from 200 to 500 between the runs.
 */
class RunBaselineIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private Targets targets;

    @BeforeEach
    void startTargets() {
        targets = Targets.start(1);
        targets.server(1).stub("/steady", TargetResponse.ok()).stub("/flip", TargetResponse.ok());
    }

    @AfterEach
    void stopTargets() {
        targets.close();
    }

    private LauncherProcess run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("run", "urls.txt", "--allow-cidr", "127.0.0.0/8",
                "--retries", "0", "--quiet"));
        command.addAll(List.of(args));
        return LauncherProcess.run(dir, RUN_TIMEOUT, command.toArray(String[]::new));
    }

    @Test
    void aUrlThatBrokeSinceTheBaselineIsPrintedAndFailsTheRunButOldFailuresDoNot() throws Exception {
        Path dir = Home.runDir("run-baseline");
        Files.write(dir.resolve("urls.txt"), List.of(targets.url(1, "/steady"), targets.url(1, "/flip"),
                targets.url(1, "/status/404?n=1")));

        LauncherProcess first = run(dir, "--out", "first.json", "--fail-on-error");
        assertThat(first.exitCode()).as("a 404 with --fail-on-error: " + first.describe()).isEqualTo(1);

        targets.server(1).stub("/flip", TargetResponse.status(500));
        LauncherProcess second = run(dir, "--out", "second.json", "--baseline", "first.json", "--fail-on-new");

        assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
        assertThat(second.stdout().lines()).as(second.describe())
                .anySatisfy(line -> assertThat(line).startsWith("BROKEN").contains("HTTP_ERROR", "OK")
                        .endsWith(targets.url(1, "/flip")))
                .noneSatisfy(line -> assertThat(line).startsWith("BROKEN").contains("/status/404"))
                .contains("urlcheck: since first.json: 1 broken, 0 recovered, 1 still failing, 1 still OK, 0 new, 0 gone");
        assertThat(second.stderr()).doesNotContain("Exception");

        LauncherProcess third = run(dir, "--out", "third.json", "--baseline", "second.json", "--fail-on-new");

        assertThat(third.exitCode()).as("only already-failing URLs fail: " + third.describe()).isZero();
        assertThat(third.stdout()).as(third.describe()).doesNotContain("BROKEN ")
                .contains("urlcheck: since second.json: 0 broken, 0 recovered, 2 still failing, 1 still OK");
    }

    @Test
    void aMissingBaselineOrFailOnNewAloneIsAUsageErrorBeforeAnythingStarts() throws Exception {
        Path dir = Home.runDir("run-baseline-usage");
        Files.write(dir.resolve("urls.txt"), List.of(targets.url(1, "/steady")));

        LauncherProcess missing = run(dir, "--baseline", "no-such.json");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.stderr()).contains("cannot read baseline no-such.json").doesNotContain("Exception");

        Files.writeString(dir.resolve("broken.json"), "[{\"url\": \"http://a/\", ");
        LauncherProcess malformed = run(dir, "--baseline", "broken.json");
        assertThat(malformed.exitCode()).as(malformed.describe()).isEqualTo(2);
        assertThat(malformed.stderr()).contains("baseline broken.json is not valid JSON").doesNotContain("Exception");

        LauncherProcess alone = run(dir, "--fail-on-new");
        assertThat(alone.exitCode()).as(alone.describe()).isEqualTo(2);
        assertThat(alone.stderr()).contains("--fail-on-new needs --baseline").doesNotContain("Exception");
    }
}
