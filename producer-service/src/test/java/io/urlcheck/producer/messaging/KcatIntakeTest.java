package io.urlcheck.producer.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Topics;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The intake topic fed by a real third-party client, the kcat command line (Debian package {@code kcat}). */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class KcatIntakeTest {

    @Test
    void recordsWrittenByKcatBecomeRequests() throws Exception {
        String kcat = kcat();
        String lines = String.join("\n",
                "{\"url\": \"https://kcat.example/one\", \"jobId\": \"kcat-job\"}",
                "{\"url\": \"https://kcat.example/two?b=2&a=1\", \"jobId\": \"kcat-job\"}",
                "{\"url\": \"mailto:someone@kcat.example\", \"jobId\": \"kcat-job\"}") + "\n";

        Process process = new ProcessBuilder(kcat, "-P", "-b", KafkaBrokerResource.broker().bootstrapServers(),
                "-t", Topics.INTAKE, "-K", "|")
                .redirectErrorStream(true)
                .start();
        try (OutputStream stdin = process.getOutputStream()) {
            for (String line : lines.split("\n")) {
                stdin.write(("kcat-key|" + line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kcat exits").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("kcat exit code, output: %s", output).isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JobTotals> totals = TopicContents.totals("kcat-job");
            assertThat(totals).isNotEmpty();
            assertThat(totals.get(totals.size() - 1).submitted()).isEqualTo(3);
        });
        assertThat(TopicContents.requests("kcat-job")).extracting(CheckRequest::url)
                .containsExactlyInAnyOrder("https://kcat.example/one", "https://kcat.example/two?b=2&a=1");
        assertThat(TopicContents.results("kcat-job")).singleElement()
                .satisfies(r -> assertThat(r.error()).contains("mailto"));
    }

    /** The kcat binary; a missing one fails the test with the fix rather than skipping it. */
    static String kcat() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            for (String name : new String[]{"kcat", "kafkacat"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError("kcat is not installed; this test feeds the intake topic with the real kcat client. "
                + "Install it with: apt-get install -y kcat");
    }
}
