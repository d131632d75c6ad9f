package io.urlcheck.worker.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import io.urlcheck.testkit.TargetResponse;
import io.urlcheck.testkit.TargetServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests in through the real broker, results out. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class WorkerPipelineTest {

    private static TargetServer target;

    @BeforeAll
    static void startTarget() {
        target = TargetServer.start();
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void requestFromKafkaComesOutAsResult() {
        KafkaBroker broker = KafkaBrokerResource.broker();
        String jobId = "walk-" + UUID.randomUUID();
        target.stub("/walk", TargetResponse.page("Walked"));
        String url = target.url("/walk?job=" + jobId);
        CheckRequest request = new CheckRequest(1, UUID.randomUUID().toString(), jobId, url, url, "127.0.0.1", Instant.now());
        broker.send(Topics.REQUESTS, "127.0.0.1", JsonCodec.encode(request));

        CheckResult result = awaitResults(broker, jobId, 1).get(0);

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.title()).isEqualTo("Walked");
        assertThat(result.requestId()).isEqualTo(request.requestId());
    }

    static List<CheckResult> awaitResults(KafkaBroker broker, String jobId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<CheckResult> mine = List.of();
        while (mine.size() < count && System.nanoTime() < deadline) {
            mine = broker.read(Topics.RESULTS, Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                    .map(ConsumerRecord::value)
                    .map(v -> JsonCodec.decode(v, CheckResult.class))
                    .filter(r -> jobId.equals(r.jobId()))
                    .toList();
        }
        assertThat(mine).hasSizeGreaterThanOrEqualTo(count);
        return mine;
    }
}
