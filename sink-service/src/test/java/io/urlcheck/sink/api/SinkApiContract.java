package io.urlcheck.sink.api;

import io.restassured.http.ContentType;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Outcome;
import io.urlcheck.sink.TestResults;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every endpoint, filter and error case of the query API, fed through the real broker. Each store's
 * {@code @QuarkusTest} subclass runs it against that store.
 */
public abstract class SinkApiContract {

    protected static final Instant T0 = Instant.parse("2025-04-01T08:00:00Z");

    protected final KafkaBroker broker = KafkaBrokerResource.broker();

    /** Five results of one job (plus complete totals) through Kafka; returns them once the job is done. */
    protected List<CheckResult> publishJob(String job) {
        List<CheckResult> rs = List.of(
                TestResults.ok(job, "http://alpha.test/" + job + "/home", 15, T0),
                TestResults.failed(job, "http://beta.test/" + job + "/missing", Outcome.HTTP_ERROR, 404, 25L, T0.plusSeconds(10)),
                TestResults.failed(job, "http://beta.test/" + job + "/boom", Outcome.HTTP_ERROR, 503, 35L, T0.plusSeconds(20)),
                TestResults.failed(job, "http://gamma.test/" + job + "/slow", Outcome.TIMEOUT, null, 10_000L, T0.plusSeconds(30)),
                TestResults.failed(job, "nonsense " + job, Outcome.INVALID_URL, null, null, T0.plusSeconds(40)));
        TestResults.publishAll(broker, rs);
        TestResults.publish(broker, TestResults.totals(job, 4, 1, true, T0));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/jobs/" + job).then().statusCode(200).body("done", equalTo(true)));
        return rs;
    }

    @Test
    void jobEndpointsReportProgressFromTotalsAndResults() {
        String job = TestResults.unique("jobs");
        publishJob(job);

        given().get("/api/jobs/" + job).then().statusCode(200)
                .body("jobId", equalTo(job)).body("submitted", equalTo(5)).body("accepted", equalTo(4))
                .body("rejected", equalTo(1)).body("duplicates", equalTo(0)).body("skipped", equalTo(0))
                .body("expected", equalTo(5)).body("checked", equalTo(5)).body("remaining", equalTo(0))
                .body("complete", equalTo(true)).body("done", equalTo(true)).body("etaSeconds", equalTo(0))
                .body("ratePerSecond", notNullValue()).body("startedAt", equalTo(T0.toString()))
                .body("updatedAt", equalTo(T0.plusSeconds(40).toString()))
                .body("outcomes.HTTP_ERROR", equalTo(2)).body("outcomes.OK", equalTo(1))
                .body("outcomes.TIMEOUT", equalTo(1)).body("outcomes.INVALID_URL", equalTo(1));
        given().get("/api/jobs").then().statusCode(200).body("jobId", hasItem(job));
        given().get("/api/jobs/" + TestResults.unique("unknown")).then().statusCode(404).body("error", containsString("unknown job"));
        given().get("/api/jobs/bad job!").then().statusCode(400).body("error", containsString("jobId"));
    }

    @Test
    void anIntakeJobFedByTwoProducersShowsTheirSummedTotalsAsOpenEnded() {
        String job = TestResults.unique("intake");
        TestResults.publishAll(broker, List.of(TestResults.ok(job, "http://alpha.test/" + job + "/a", 15, T0.plusSeconds(1))));
        TestResults.publish(broker, new JobTotals(1, job, 3, 2, 0, 1, 0, false, T0, T0.plusSeconds(1), "pod-a-1.1", true));
        TestResults.publish(broker, new JobTotals(1, job, 4, 3, 1, 0, 0, false, T0, T0.plusSeconds(2), "pod-b-1.1", true));
        TestResults.publish(broker, new JobTotals(1, job, 5, 4, 0, 1, 0, true, T0, T0.plusSeconds(3), "pod-a-1.1", true));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/jobs/" + job).then().statusCode(200)
                .body("submitted", equalTo(9)).body("accepted", equalTo(7)).body("rejected", equalTo(1))
                .body("duplicates", equalTo(1)).body("expected", equalTo(8)).body("checked", equalTo(1))
                .body("openEnded", equalTo(true)).body("complete", equalTo(false)).body("done", equalTo(false))
                .body("etaSeconds", nullValue()));
        given().get("/api/jobs").then().statusCode(200).body("find { it.jobId == '" + job + "' }.openEnded", equalTo(true));
    }

    @Test
    void resultFiltersSelectExactlyTheirRows() {
        String job = TestResults.unique("filters");
        List<CheckResult> rs = publishJob(job);

        given().queryParam("jobId", job).get("/api/results").then().statusCode(200)
                .body("items", hasSize(5)).body("nextCursor", nullValue())
                .body("items[0].url", equalTo(rs.get(4).url())); // default sort: newest first
        given().queryParam("jobId", job).queryParam("outcome", "HTTP_ERROR").get("/api/results").then()
                .body("items.url", containsInAnyOrder(rs.get(1).url(), rs.get(2).url()));
        given().queryParam("jobId", job).queryParam("statusCode", "404").get("/api/results").then()
                .body("items.url", contains(rs.get(1).url()));
        given().queryParam("jobId", job).queryParam("statusCode", "5xx").get("/api/results").then()
                .body("items.url", contains(rs.get(2).url()));
        given().queryParam("jobId", job).queryParam("host", "beta.test").get("/api/results").then()
                .body("items", hasSize(2));
        given().queryParam("jobId", job).queryParam("q", "SLOW").get("/api/results").then()
                .body("items.url", contains(rs.get(3).url()));
        given().queryParam("jobId", job).queryParam("q", "title of http://alpha").get("/api/results").then()
                .body("items.url", contains(rs.get(0).url()));
        given().queryParam("jobId", job).queryParam("since", T0.plusSeconds(30).toString()).get("/api/results").then()
                .body("items.url", contains(rs.get(4).url(), rs.get(3).url()));
        given().queryParam("jobId", job).queryParam("sort", "-responseTime").queryParam("limit", "1").get("/api/results").then()
                .body("items.url", contains(rs.get(3).url()));
        given().queryParam("host", "beta.test").queryParam("q", job).queryParam("outcome", "http_error")
                .queryParam("statusCode", "4xx").get("/api/results").then().body("items.url", contains(rs.get(1).url()));
    }

    @Test
    void cursorPagesWalkEveryRowOnce() {
        String job = TestResults.unique("pages");
        List<CheckResult> rs = publishJob(job);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var spec = given().queryParam("jobId", job).queryParam("sort", "responseTime").queryParam("limit", 2);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            var page = spec.get("/api/results").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.url", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(rs.get(4).url(), rs.get(0).url(), rs.get(1).url(), rs.get(2).url(), rs.get(3).url());
    }

    @Test
    void streamingFormatsReturnEveryRowByFormatOrAccept() {
        String job = TestResults.unique("formats");
        publishJob(job);

        String jsonl = given().queryParam("jobId", job).queryParam("format", "jsonl").get("/api/results").then()
                .statusCode(200).contentType(startsWith(ResultsResource.JSONL)).extract().asString();
        assertThat(jsonl.lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("{").contains(job));

        String csv = given().queryParam("jobId", job).accept("text/csv").get("/api/results").then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv.lines()).hasSize(6).first().isEqualTo(CsvWriter.HEADER);

        String ndjson = given().queryParam("jobId", job).accept("application/x-ndjson").queryParam("limit", "2")
                .get("/api/results").then().statusCode(200).extract().asString();
        assertThat(ndjson.lines()).hasSize(2);

        given().queryParam("jobId", job).accept(ContentType.JSON).get("/api/results").then()
                .statusCode(200).body("items", hasSize(5));
    }

    @Test
    void aSkippedUrlIsCountedButMakesNoHostAFailingHost() {
        String job = TestResults.unique("skipped");
        TestResults.publishAll(broker, List.of(
                TestResults.failed(job, "http://skipped.test/" + job + "/private", Outcome.SKIPPED, null, null, T0),
                TestResults.failed(job, "http://broken.test/" + job + "/gone", Outcome.HTTP_ERROR, 404, 20L, T0.plusSeconds(1))));
        TestResults.publish(broker, TestResults.totals(job, 1, 1, true, T0));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("jobId", job).get("/api/summary")
                .then().statusCode(200).body("total", equalTo(2)).body("byOutcome.SKIPPED", equalTo(1))
                .body("failingHosts", hasSize(1)).body("failingHosts[0].host", equalTo("broken.test")));
    }

    @Test
    void lookupAndSummaryAnswerForKnownAndRefuseUnknown() {
        String job = TestResults.unique("lookup");
        List<CheckResult> rs = publishJob(job);

        given().queryParam("url", rs.get(1).url()).get("/api/results/lookup").then().statusCode(200)
                .body("latest.checkId", equalTo(rs.get(1).checkId())).body("latest.statusCode", equalTo(404))
                .body("history", hasSize(1));
        given().queryParam("url", "http://nowhere.test/" + job).get("/api/results/lookup").then().statusCode(404)
                .body("error", containsString("no result"));
        given().get("/api/results/lookup").then().statusCode(400).body("error", containsString("url"));

        given().queryParam("jobId", job).get("/api/summary").then().statusCode(200)
                .body("total", equalTo(5)).body("byOutcome.HTTP_ERROR", equalTo(2))
                .body("byStatusClass.'4xx'", equalTo(1)).body("byStatusClass.none", equalTo(2))
                .body("latencyMs.p50", equalTo(25)).body("latencyMs.p99", equalTo(10000))
                .body("slowest[0].url", equalTo(rs.get(3).url())).body("slowest", hasSize(4))
                .body("failingHosts[0].host", equalTo("beta.test")).body("failingHosts[0].failures", equalTo(2));
        given().get("/api/summary").then().statusCode(200).body("total", notNullValue());
        given().queryParam("jobId", TestResults.unique("nope")).get("/api/summary").then().statusCode(404);
        given().queryParam("jobId", "no spaces allowed").get("/api/summary").then().statusCode(400);
    }

    @Test
    void badParametersAnswer400WithAReason() {
        String otherSortCursor = new io.urlcheck.sink.Cursor(io.urlcheck.sink.SortOrder.CHECKED_AT_ASC, 1, "http://x").encode();
        String overflowingCursor = new io.urlcheck.sink.Cursor(io.urlcheck.sink.SortOrder.DEFAULT, Long.MAX_VALUE, "http://x").encode();
        String nulCursor = new io.urlcheck.sink.Cursor(io.urlcheck.sink.SortOrder.DEFAULT, 1, "http://x/\u0000").encode();
        String[][] cases = {
                {"outcome", "NOPE", "outcome must be one of"},
                {"statusCode", "6xx", "statusCode"},
                {"statusCode", "40", "statusCode"},
                {"since", "yesterday", "since must be an ISO-8601"},
                {"sort", "name", "sort must be one of"},
                {"limit", "0", "limit must be between"},
                {"limit", "5000", "limit must be between"},
                {"limit", "ten", "limit must be a whole number"},
                {"cursor", "%%%", "cursor"},
                {"cursor", otherSortCursor, "cursor was issued for sort=checkedAt"},
                {"cursor", overflowingCursor, "cursor is not one this API issued"},
                {"cursor", nulCursor, "cursor is not one this API issued"},
                {"since", "+100000-01-01T00:00:00Z", "since must lie in the years 0001 to 9999"},
                {"format", "xml", "format must be"},
        };
        for (String[] c : cases) {
            given().queryParam(c[0], c[1]).get("/api/results").then().statusCode(400)
                    .contentType(ContentType.JSON).body("error", containsString(c[2]));
        }
    }

    @Test
    void nulCharactersInQueryValuesMatchStoredTextAndNeverFailTheStore() {
        for (String param : List.of("q", "host", "jobId")) {
            given().queryParam(param, "a\u0000b").get("/api/results").then().statusCode(200).body("items", hasSize(0));
        }
        given().queryParam("url", "http://nul.test/\u0000").get("/api/results/lookup").then().statusCode(404);
        given().queryParam("sort", "responseTime").queryParam("cursor",
                new io.urlcheck.sink.Cursor(io.urlcheck.sink.SortOrder.RESPONSE_TIME_ASC, Long.MIN_VALUE, "http://x").encode())
                .get("/api/results").then().statusCode(200);
    }

    @Test
    void redeliveredAndOlderResultsThroughKafkaChangeNothing() {
        String job = TestResults.unique("redelivery");
        String url = "http://redeliver.test/" + job;
        CheckResult newer = TestResults.ok(job, url, 10, T0.plusSeconds(60));
        CheckResult older = TestResults.failed(job, url, Outcome.HTTP_ERROR, 500, 20L, T0);
        TestResults.publishAll(broker, List.of(newer, newer, older, newer));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().queryParam("url", url).get("/api/results/lookup").then().statusCode(200).body("history", hasSize(2)));
        given().queryParam("url", url).get("/api/results/lookup").then()
                .body("latest.checkId", equalTo(newer.checkId()))
                .body("history.checkId", contains(newer.checkId(), older.checkId()));
        given().queryParam("jobId", job).get("/api/results").then().body("items.checkId", contains(newer.checkId()));
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/results/lookup"));
    }
}
