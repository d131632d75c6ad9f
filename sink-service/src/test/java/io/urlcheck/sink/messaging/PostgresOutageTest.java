package io.urlcheck.sink.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.sink.PostgresStoreResource;
import io.urlcheck.sink.TestResults;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import io.urlcheck.testkit.postgres.PostgresResource;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * PostgreSQL stopped mid-stream: the sink stops consuming, reports not-ready, retries, and once the
 * database is back every result arrives, none lost, none twice. Same test resources as
 * PostgresSinkApiTest, so both share one application.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresStoreResource.class)
class PostgresOutageTest {

    private final KafkaBroker broker = KafkaBrokerResource.broker();
    private final PostgresServer postgres = PostgresResource.server();

    @Test
    void everyResultArrivesWhenPostgresComesBackAfterAnOutage() {
        String job = TestResults.unique("outage");
        Instant t0 = Instant.now();
        List<CheckResult> all = IntStream.range(0, 400)
                .mapToObj(i -> TestResults.ok(job, "http://outage.test/" + job + "/" + i, i, t0.plusMillis(i))).toList();
        TestResults.publish(broker, TestResults.totals(job, all.size(), 0, true, t0));
        TestResults.publishAll(broker, all.subList(0, 200));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/jobs/" + job).then().statusCode(200).body("checked", equalTo(200)));

        postgres.stop();
        try {
            TestResults.publishAll(broker, all.subList(200, 400));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503));
            given().get("/api/summary").then().statusCode(503);
        } finally {
            postgres.start();
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/api/jobs/" + job).then().statusCode(200).body("checked", equalTo(400)).body("done", equalTo(true)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));

        String jsonl = given().queryParam("jobId", job).queryParam("format", "jsonl").get("/api/results").asString();
        List<String> ids = jsonl.lines().map(l -> JsonCodec.decode(l.getBytes(), CheckResult.class).checkId()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all.stream().map(CheckResult::checkId).toList());
        for (CheckResult r : List.of(all.get(0), all.get(399))) {
            given().queryParam("url", r.url()).get("/api/results/lookup").then().statusCode(200)
                    .body("history.size()", equalTo(1));
        }
    }
}
