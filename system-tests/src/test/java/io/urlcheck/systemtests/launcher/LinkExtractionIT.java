package io.urlcheck.systemtests.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.LauncherProcess;
import io.urlcheck.systemtests.support.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./urlcheck run README.md} as a real process through the whole pipeline (launcher, producer, Kafka,
 * worker, sink): a Markdown file with a good, a broken and a relative link gives one result per link, each with
 * its file and line; the relative one is SKIPPED without {@code --base} and checked with it.
 */
class LinkExtractionIT {

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

    /** A README whose lines are known: good link on 3, broken on 4, relative on 5, code on 8, good again on 10. */
    private static Path readme(Path dir, String tag) throws Exception {
        Files.createDirectories(dir);
        String markdown = """
                # Links (%1$s)

                A [good link](%2$s "the good one") to start.
                A ![broken image](%3$s) next.
                The [guide](title/Relative-%1$s) is relative, and [mail](mailto:team@example.com) is not checked.

                ```
                curl %4$s
                ```
                The good link again, bare: %2$s.
                """.formatted(tag, targets.url(1, "/title/Good-" + tag), targets.url(1, "/status/404"),
                targets.url(1, "/status/500?in-code=" + tag));
        return Files.writeString(dir.resolve("README.md"), markdown);
    }

    private static List<String> rows(JsonNode results) {
        List<String> rows = new ArrayList<>();
        results.forEach(r -> rows.add(r.get("source").get("file").asText() + ":" + r.get("source").get("line").asInt()
                + " " + r.get("outcome").asText() + " " + r.get("url").asText()));
        return rows;
    }

    @Test
    void aMarkdownFileGivesOneResultPerLinkWithItsFileAndLineAndTheRelativeOneSkipped() throws Exception {
        Path dir = Home.runDir("run-links");
        readme(dir, "a");

        LauncherProcess run = LauncherProcess.run(dir, RUN_TIMEOUT, "run", "README.md", "--allow-cidr", "127.0.0.0/8");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode results = JsonCodec.mapper().readTree(dir.resolve("results.json").toFile());
        assertThat(rows(results)).containsExactlyInAnyOrder(
                "README.md:3 OK " + targets.url(1, "/title/Good-a"),
                "README.md:10 OK " + targets.url(1, "/title/Good-a"),
                "README.md:4 HTTP_ERROR " + targets.url(1, "/status/404"),
                "README.md:5 SKIPPED title/Relative-a");
        assertThat(results).filteredOn(r -> r.get("outcome").asText().equals("SKIPPED")).singleElement()
                .satisfies(r -> assertThat(r.get("error").asText()).isEqualTo("relative link without --base"));
        assertThat(targets.server(1).hits("/status/500")).as("a URL in a code block is never requested").isZero();
        assertThat(targets.server(1).hits("/title/Good-a")).as("a link found twice is checked once").isEqualTo(1);
        assertThat(run.stderr()).doesNotContain("Exception");
    }

    @Test
    void withABaseTheRelativeLinkIsCheckedAndTheMarkdownReportNamesTheBrokenLinksSource() throws Exception {
        Path dir = Home.runDir("run-links-base");
        readme(dir, "b");

        LauncherProcess run = LauncherProcess.run(dir, RUN_TIMEOUT, "run", "README.md", "--allow-cidr", "127.0.0.0/8",
                "--base", targets.url(1, "/"), "--format", "markdown", "--fail-on-error");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(targets.server(1).hits("/title/Relative-b")).as("the relative link, resolved against --base").isEqualTo(1);
        String report = Files.readString(dir.resolve("results.md"));
        assertThat(report).contains("| OK | 3 |", "| HTTP_ERROR | 1 |", "| **Total** | **4** |")
                .contains("### HTTP_ERROR (1)")
                .contains("| " + targets.url(1, "/status/404") + " | 404 | `README.md:4` |")
                .doesNotContain("SKIPPED");
    }
}
