package io.urlcheck.producer.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobOptions;
import io.urlcheck.contract.Outcome;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class JobOptionsSubmissionTest {

    private static final String OPTIONS = """
            {"accept": "200..299,403", "exclude": ["/private/"], "headers": {"Authorization": "Bearer s3cret"},
             "userAgent": "opts-test/1", "method": "HEAD", "insecure": true, "maxRedirects": 2, "hostIntervalMs": 250,
             "timeoutMs": 4000, "retries": 1}""".replace('\n', ' ');

    @Test
    void optionsInTheHeaderTravelWithEveryRequestOfATextJob() {
        given().header(ApiHeaders.CLIENT, "test").header(ApiHeaders.OPTIONS, OPTIONS).contentType("text/plain")
                .body("http://opts-text.example/a\nhttp://opts-text.example/private/b\n")
                .post("/api/jobs?jobId=opts-text")
                .then().statusCode(202).body("accepted", equalTo(1)).body("rejected", equalTo(1));

        assertThat(TopicContents.requests("opts-text")).singleElement().satisfies(r -> {
            assertThat(r.schemaVersion()).isEqualTo(CheckRequest.SCHEMA_VERSION);
            assertThat(r.options().accept()).isEqualTo("200..299,403");
            assertThat(r.options().headers()).containsEntry("Authorization", "Bearer s3cret");
            assertThat(r.options().method()).isEqualTo("HEAD");
            assertThat(r.options().insecure()).isTrue();
            assertThat(r.options().maxRedirects()).isEqualTo(2);
            assertThat(r.options().hostIntervalMs()).isEqualTo(250L);
            assertThat(r.options().timeoutMs()).isEqualTo(4000L);
            assertThat(r.options().retries()).isEqualTo(1);
        });
        assertThat(TopicContents.results("opts-text")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.error()).isEqualTo("excluded by --exclude '/private/'");
            assertThat(r.toString()).doesNotContain("s3cret");
        });
    }

    @Test
    void aJsonObjectBodyGivesItsOptionsBeforeItsUrls() {
        given().contentType("application/json")
                .body("{\"options\": {\"include\": [\"/docs/\"], \"method\": \"get\"}, \"urls\": [\"http://opts-json.example/docs/a\","
                        + " {\"url\": \"http://opts-json.example/blog/b\"}]}")
                .post("/api/jobs?jobId=opts-json")
                .then().statusCode(202).body("submitted", equalTo(2)).body("accepted", equalTo(1)).body("rejected", equalTo(1));

        assertThat(TopicContents.requests("opts-json")).singleElement()
                .satisfies(r -> assertThat(r.options().method()).isEqualTo("GET"));
        assertThat(TopicContents.results("opts-json")).extracting(CheckResult::outcome, CheckResult::error)
                .containsExactly(tuple(Outcome.SKIPPED, "not included: matches no --include pattern (/docs/)"));
    }

    @Test
    void aJobWithoutOptionsHasTheDefaults() {
        given().contentType("application/json").body("[\"http://opts-none.example/\"]")
                .post("/api/jobs?jobId=opts-none").then().statusCode(202).body("accepted", equalTo(1));

        assertThat(TopicContents.requests("opts-none")).singleElement()
                .satisfies(r -> assertThat(r.options()).isEqualTo(io.urlcheck.contract.JobOptions.DEFAULTS));
    }

    @Test
    void badOptionsAreRefusedWith400AndAClearReasonThatNeverEchoesASecret() {
        refused("{\"exclude\": [\"(unclosed\"]}", "exclude pattern '(unclosed' is not a valid regular expression");
        refused("{\"accept\": \"2xx\"}", "accept spec '2xx'");
        refused("{\"headers\": {\"Bad Name\": \"v\"}}", "header name 'Bad Name' is not a valid HTTP header name");
        refused("{\"method\": \"POST\"}", "method must be GET or HEAD");
        refused("{\"maxRedirects\": -1}", "maxRedirects must be between 0 and 50");
        refused("{\"insecure\": \"s3cret\"}", "insecure has the wrong type");
        refused("not json s3cret", ApiHeaders.OPTIONS + " is not a JSON object of job options");
        given().contentType("application/json").header(ApiHeaders.OPTIONS, "{}")
                .body("{\"options\": {}, \"urls\": []}").post("/api/jobs?jobId=opts-twice")
                .then().statusCode(400).body("error", containsString("options given twice"));
        given().contentType("application/json")
                .body("{\"urls\": [\"http://x.example/\"], \"options\": {}}").post("/api/jobs?jobId=opts-late")
                .then().statusCode(400).body("error", containsString("\"options\" must come before \"urls\""));
    }

    private static void refused(String options, String reason) {
        given().header(ApiHeaders.CLIENT, "test").header(ApiHeaders.OPTIONS, options).contentType("text/plain")
                .body("http://opts-bad.example/\n").post("/api/jobs?jobId=opts-bad")
                .then().statusCode(400).body("error", containsString(reason)).body("error", not(containsString("s3cret")));
    }
}
