package io.urlcheck.producer.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Outcome;
import io.urlcheck.producer.DedupSets;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class TextSubmissionTest {

    @Inject
    DedupSets dedupSets;

    @Test
    void aFinishedSubmissionGivesItsDedupMemoryBack() {
        long before = dedupSets.usedBytes();
        String body = IntStream.range(0, 5000).mapToObj(i -> "http://many.example/" + i).collect(Collectors.joining("\n"));

        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(body)
                .when().post("/api/jobs?jobId=dedup-memory")
                .then().statusCode(202).body("accepted", equalTo(5000));

        // A monitor's run, if one is due meanwhile, holds a set of its own until it ends.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dedupSets.usedBytes()).isEqualTo(before));
    }

    @Test
    void textBodyBecomesHostKeyedRequestsRejectionsAndCompleteTotals() {
        String body = String.join("\n",
                "https://Example.COM:443/a/./b/../c?q=1#frag",
                "http://example.com/a/c?q=1",
                "",
                "# a comment",
                "ftp://example.com/file",
                "https://example.com/a/c?q=1",
                "http://other.example/x");

        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(body)
                .when().post("/api/jobs?jobId=text-walk")
                .then().statusCode(202)
                .header("Location", endsWith("/api/jobs/text-walk"))
                .body("jobId", equalTo("text-walk"))
                .body("submitted", equalTo(7))
                .body("accepted", equalTo(3))
                .body("rejected", equalTo(1))
                .body("duplicates", equalTo(1))
                .body("skipped", equalTo(2));

        List<CheckRequest> requests = TopicContents.requests("text-walk");
        assertThat(requests).extracting(CheckRequest::url).containsExactlyInAnyOrder(
                "https://example.com/a/c?q=1", "http://example.com/a/c?q=1", "http://other.example/x");
        assertThat(TopicContents.requestRecords("text-walk"))
                .allSatisfy(r -> assertThat(r.key()).isIn("example.com", "other.example"));
        assertThat(requests).extracting(CheckRequest::requestId).doesNotHaveDuplicates();

        List<CheckResult> results = TopicContents.results("text-walk");
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_URL);
            assertThat(r.url()).isEqualTo("ftp://example.com/file");
            assertThat(r.error()).contains("unsupported scheme 'ftp'");
        });

        List<JobTotals> totals = TopicContents.totals("text-walk");
        JobTotals last = totals.get(totals.size() - 1);
        assertThat(last.complete()).isTrue();
        assertThat(last.submitted()).isEqualTo(last.accepted() + last.rejected() + last.duplicates() + last.skipped());
        assertThat(last.expectedResults()).isEqualTo(4);
    }

    @Test
    void internationalNamesGoOutInTheirUts46FormAndInvalidOnesAreRejectedWithAReason() {
        String body = String.join("\n", "https://FAß.de/straße", "http://faß\u3002de/", "http://xn--a.de/");

        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain; charset=utf-8").body(body)
                .when().post("/api/jobs?jobId=text-idn")
                .then().statusCode(202).body("accepted", equalTo(2)).body("rejected", equalTo(1));

        assertThat(TopicContents.requests("text-idn")).extracting(CheckRequest::url, CheckRequest::host, CheckRequest::input)
                .containsExactlyInAnyOrder(
                        tuple("https://xn--fa-hia.de/stra%C3%9Fe", "xn--fa-hia.de", "https://FAß.de/straße"),
                        tuple("http://xn--fa-hia.de/", "xn--fa-hia.de", "http://faß\u3002de/"));
        assertThat(TopicContents.requestRecords("text-idn")).allSatisfy(r -> assertThat(r.key()).isEqualTo("xn--fa-hia.de"));
        assertThat(TopicContents.results("text-idn")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_URL);
            assertThat(r.error()).contains("invalid international host name 'xn--a.de'");
        });
    }

    @Test
    void jobTotalsAreServedAfterSubmission() {
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("http://get.example/\n")
                .post("/api/jobs?jobId=text-get").then().statusCode(202);

        given().get("/api/jobs/text-get").then().statusCode(200)
                .body("accepted", equalTo(1)).body("complete", equalTo(true));
        given().get("/api/jobs/never-submitted").then().statusCode(404);
    }
}
