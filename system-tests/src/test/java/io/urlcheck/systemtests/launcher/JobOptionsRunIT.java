package io.urlcheck.systemtests.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import io.urlcheck.systemtests.support.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./urlcheck run} as a real process with a job's options from {@code urlcheck.toml} in the working
 * directory and from flags: CLI -> producer -> Kafka -> worker -> sink against a loopback target.
 */
class JobOptionsRunIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String SECRET = "s3cret-header-value";
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
    void anExcludedUrlIsNeverRequestedAndReportedSkippedWithItsRuleAndTheJobCompletes() throws Exception {
        Instant started = Instant.now();
        Path dir = Home.runDir("run-options");
        String kept = targets.url(1, "/title/Kept");
        String excluded = targets.url(1, "/private/secret-page");
        String broken = targets.url(1, "/status/404");
        Files.write(dir.resolve("urls.txt"), List.of(kept, excluded, broken, "not a url", "# a comment"));
        Files.writeString(dir.resolve("urlcheck.toml"), """
                # read from the working directory; the flags below win over it
                allow-cidr = ["127.0.0.0/8"]
                exclude = ["/private/"]
                format = "csv"
                quiet = true

                [header]
                X-Api-Key = "%s"
                """.formatted(SECRET));

        LauncherProcess run = LauncherProcess.run(dir, RUN_TIMEOUT, "run", "urls.txt", "--format", "json");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode array = JsonCodec.mapper().readTree(dir.resolve("results.json").toFile());
        Map<String, JsonNode> byUrl = new HashMap<>();
        array.forEach(r -> byUrl.put(r.get("url").asText(), r));
        assertThat(byUrl).as("every input accounted for, the comment skipped as before").containsOnlyKeys(kept, excluded, broken, "not a url");
        assertThat(byUrl.get(excluded).get("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(byUrl.get(excluded).get("error").asText()).isEqualTo("excluded by --exclude '/private/'");
        assertThat(targets.server(1).hits("/private/secret-page")).as("the excluded URL was never requested").isZero();
        assertThat(byUrl.get(kept).get("outcome").asText()).isEqualTo("OK");
        assertThat(targets.server(1).hits("/title/Kept")).isPositive();
        assertThat(byUrl.get(broken).get("outcome").asText()).isEqualTo("HTTP_ERROR");
        assertThat(run.stdout()).as("quiet from the file: the summary line only").startsWith("urlcheck: 4/4 URLs checked")
                .contains("results in results.json");
        assertThat(dir.resolve("results.csv")).as("--format json won over the file's csv").doesNotExist();

        assertThat(Files.readString(dir.resolve("results.json"))).doesNotContain(SECRET);
        assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET);
        assertThat(logsOfRunsSince(started)).as("service logs of the run").isNotEmpty()
                .allSatisfy(log -> assertThat(Files.readString(log)).as(log.toString()).doesNotContain(SECRET));
    }

    @Test
    void aBadOptionIsAUsageErrorNamingItBeforeAnythingStarts() throws Exception {
        Path dir = Home.runDir("run-bad-option");
        Files.write(dir.resolve("urls.txt"), List.of("http://127.0.0.1:1/"));
        Files.writeString(dir.resolve("urlcheck.toml"), "exclude = [\"(unclosed\"]\n");

        LauncherProcess bad = LauncherProcess.run(dir, Duration.ofSeconds(60), "run", "urls.txt");
        Files.writeString(dir.resolve("urlcheck.toml"), "exlude = [\"/x/\"]\n");
        LauncherProcess unknown = LauncherProcess.run(dir, Duration.ofSeconds(60), "run", "urls.txt");

        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(2);
        assertThat(bad.stderr()).contains("exclude pattern '(unclosed' is not a valid regular expression")
                .doesNotContain("starting Kafka");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown key 'exlude' in urlcheck.toml");
    }

    private static List<Path> logsOfRunsSince(Instant started) throws IOException {
        Path runs = Home.path().resolve(".urlcheck/runs");
        FileTime since = FileTime.from(started.minusSeconds(1));
        try (Stream<Path> files = Files.walk(runs)) {
            return files.filter(f -> f.toString().contains("/logs/") && Files.isRegularFile(f))
                    .filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).compareTo(since) >= 0;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
