package io.urlcheck.systemtests;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.StackConfig;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.systemtests.support.Targets;
import io.urlcheck.testkit.ExportedResults;
import io.urlcheck.testkit.TargetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first walk, end to end on the packaged services as processes: 200 URLs through producer, Kafka,
 * worker and sink, each coming out exactly once with the outcome its target deserves.
 */
class EndToEndIT {

    private static Targets targets;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        targets = Targets.start(1);
        targets.server(1).stub("/slow", TargetResponse.ok().withDelay(Duration.ofSeconds(30)));
        stack = LocalStack.start(StackConfig.builder(Home.path(), Home.runDir("end-to-end"))
                .worker("urlcheck.worker.allow-cidrs", "127.0.0.0/8")
                // Generous: on a loaded 2-core box a cold worker's first checks can take over 2 s.
                .worker("urlcheck.worker.request-timeout", "5s")
                .worker("urlcheck.worker.max-retries", "0")
                .build());
        System.out.printf("EndToEndIT: stack ready in %d ms%n", stack.startupTime().toMillis());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (targets != null) {
            targets.close();
        }
    }

    @Test
    void everyUrlComesOutExactlyOnceWithTheRightOutcome() throws Exception {
        Map<String, Outcome> expected = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            expected.put(targets.url(1, "/status/200?n=" + i), Outcome.OK);
        }
        for (int i = 0; i < 40; i++) {
            expected.put(targets.url(1, "/status/404?n=" + i), Outcome.HTTP_ERROR);
        }
        for (int i = 0; i < 9; i++) {
            expected.put(targets.url(1, "/redirect?n=" + i), Outcome.OK);
        }
        String slow = targets.url(1, "/slow");
        expected.put(slow, Outcome.TIMEOUT);
        assertThat(expected).hasSize(200);
        String body = String.join("\n", expected.keySet()) + "\n";

        Submission submission = new ProducerClient(stack.producerUrl(), null)
                .submit(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "e2e-200");
        assertThat(submission.accepted()).isEqualTo(200);

        SinkClient sink = new SinkClient(stack.sinkUrl(), null);
        JobStatus done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> sink.job("e2e-200").orElse(null), s -> s != null && s.done());
        assertThat(done.checked()).isEqualTo(200);

        List<CheckResult> results = ExportedResults.all(sink.export(Map.of("jobId", "e2e-200"), "jsonl"));
        Map<String, List<CheckResult>> byUrl = results.stream().collect(Collectors.groupingBy(CheckResult::url));
        assertThat(results).as("one latest result per URL").hasSize(200);
        assertThat(byUrl.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        Map<String, Outcome> actual = results.stream().collect(Collectors.toMap(CheckResult::url, CheckResult::outcome));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);

        CheckResult timedOut = byUrl.get(slow).get(0);
        assertThat(timedOut.statusCode()).isNull();
        assertThat(timedOut.error()).isNotBlank();
        CheckResult redirected = byUrl.get(targets.url(1, "/redirect?n=3")).get(0);
        assertThat(redirected.redirects()).hasSize(1);
        assertThat(redirected.finalUrl()).endsWith("/title/Landed");
        assertThat(redirected.title()).isEqualTo("Landed");
        assertThat(byUrl.get(targets.url(1, "/status/404?n=7")).get(0).statusCode()).isEqualTo(404);
        assertThat(results).extracting(CheckResult::jobId).containsOnly("e2e-200");
        Map<Outcome, Long> counts = results.stream().collect(Collectors.groupingBy(CheckResult::outcome, Collectors.counting()));
        System.out.println("EndToEndIT: 200 in, " + results.size() + " out, by outcome " + counts);
    }

}
