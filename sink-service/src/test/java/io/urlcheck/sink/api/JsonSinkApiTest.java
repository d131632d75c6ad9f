package io.urlcheck.sink.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.sink.JsonStoreDirResource;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.store.json.JsonResultStore;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The query API over the JSON store, fed through the real broker; plus what only the JSON store does: its files. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(JsonStoreDirResource.class)
class JsonSinkApiTest extends SinkApiContract {

    @Test
    void resultsFromKafkaAreServedAndWrittenToBothFiles() throws Exception {
        String job = TestResults.unique("walk");
        Instant at = Instant.parse("2025-03-01T10:00:00Z");
        List<CheckResult> results = List.of(
                TestResults.ok(job, "http://a.test/" + job, 12, at),
                TestResults.failed(job, "http://b.test/" + job, Outcome.HTTP_ERROR, 404, 30L, at),
                TestResults.failed(job, "not a url " + job, Outcome.INVALID_URL, null, null, at));
        TestResults.publishAll(broker, results);
        TestResults.publish(broker, TestResults.totals(job, 2, 1, true, at));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("jobId", job).get("/api/jobs/" + job).then().statusCode(200)
                        .body("done", equalTo(true)).body("checked", equalTo(3)).body("expected", equalTo(3)));

        given().queryParam("jobId", job).get("/api/results").then().statusCode(200)
                .body("items", hasSize(3)).body("nextCursor", equalTo(null));

        Path dir = JsonStoreDirResource.dir();
        List<String> lines = Files.readAllLines(dir.resolve(JsonResultStore.RESULTS_LOG));
        assertThat(lines).filteredOn(l -> l.contains(job)).hasSize(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<CheckResult> snapshot = JsonCodec.mapper().readValue(
                    dir.resolve(JsonResultStore.RESULTS_SNAPSHOT).toFile(), new TypeReference<List<CheckResult>>() { });
            assertThat(snapshot).filteredOn(r -> job.equals(r.jobId())).extracting(CheckResult::checkId)
                    .containsExactlyInAnyOrderElementsOf(results.stream().map(CheckResult::checkId).toList());
        });
    }
}
