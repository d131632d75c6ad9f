package io.urlcheck.producer.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class SubmissionFormatsTest {

    @Test
    void jsonArrayOfStringsAndUrlObjectsIsStreamedIntoRequests() {
        String body = """
                ["https://json.example/a", {"url": "https://JSON.example/b", "note": {"nested": [1, 2]}},
                 "https://json.example/a", 42, {"href": "x"}, "gopher://json.example/"]""";

        given().contentType("application/json").body(body)
                .post("/api/jobs?jobId=json-array")
                .then().statusCode(202)
                .body("submitted", equalTo(6)).body("accepted", equalTo(2)).body("duplicates", equalTo(1))
                .body("rejected", equalTo(3)).body("skipped", equalTo(0));

        assertThat(TopicContents.requests("json-array")).extracting(CheckRequest::url)
                .containsExactlyInAnyOrder("https://json.example/a", "https://json.example/b");
        assertThat(TopicContents.results("json-array")).extracting(CheckResult::error).anySatisfy(e ->
                assertThat(e).contains("not a URL string")).anySatisfy(e -> assertThat(e).contains("no string \"url\""));
    }

    @Test
    void multipartUploadIsReadAsAFileOfLines() {
        byte[] file = "http://upload.example/1\r\nhttp://upload.example/2\n# done\n".getBytes(StandardCharsets.UTF_8);

        given().header(ApiHeaders.CLIENT, "test").multiPart("file", "urls.txt", file, "text/plain")
                .post("/api/jobs?jobId=multipart-job")
                .then().statusCode(202)
                .header("Location", startsWith("http"))
                .body("accepted", equalTo(2)).body("skipped", equalTo(1));

        assertThat(TopicContents.requests("multipart-job")).extracting(CheckRequest::url)
                .containsExactlyInAnyOrder("http://upload.example/1", "http://upload.example/2");
    }

    @Test
    void aHostileFileIsReadLineByLineAndEveryLineAccountedFor() {
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("\uFEFFhttp://hostile.example/bom\r\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(("http://hostile.example/" + "x".repeat(1024 * 1024) + "\n").getBytes(StandardCharsets.US_ASCII));
        file.writeBytes("http://hostile.example/n\u0000ul\rhttp://hostile.example/cr\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[]{'h', 't', 't', 'p', ':', '/', '/', (byte) 0xFE, '\n'});
        file.writeBytes("http://hostile.example/last".getBytes(StandardCharsets.US_ASCII));

        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(file.toByteArray())
                .post("/api/jobs?jobId=hostile-file")
                .then().statusCode(202)
                .body("submitted", equalTo(6)).body("accepted", equalTo(3)).body("rejected", equalTo(3));

        assertThat(TopicContents.requests("hostile-file")).extracting(CheckRequest::url).containsExactlyInAnyOrder(
                "http://hostile.example/bom", "http://hostile.example/cr", "http://hostile.example/last");
        assertThat(TopicContents.results("hostile-file")).extracting(CheckResult::error)
                .anySatisfy(e -> assertThat(e).contains("line too long"))
                .anySatisfy(e -> assertThat(e).contains("U+0000"))
                .anySatisfy(e -> assertThat(e).contains("UTF-8"));
    }

    @Test
    void uriListIsReadLikeText() {
        given().contentType("text/uri-list").body("# list\nhttp://urilist.example/\n")
                .post("/api/jobs?jobId=uri-list").then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void resubmittingAJobReplacesItsTotals() {
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("http://again.example/1\nhttp://again.example/2\n")
                .post("/api/jobs?jobId=resubmitted").then().statusCode(202).body("accepted", equalTo(2));
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("http://again.example/1\n")
                .post("/api/jobs?jobId=resubmitted").then().statusCode(202).body("accepted", equalTo(1));

        given().get("/api/jobs/resubmitted").then().statusCode(200).body("submitted", equalTo(1));
        var totals = TopicContents.totals("resubmitted");
        assertThat(totals.get(totals.size() - 1).accepted()).isEqualTo(1);
    }

    @Test
    void aGeneratedJobIdIsReturnedWhenNoneIsGiven() {
        String jobId = given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("http://generated.example/\n")
                .post("/api/jobs").then().statusCode(202).extract().path("jobId");
        assertThat(jobId).matches("[A-Za-z0-9._:-]{1,128}");
        assertThat(TopicContents.requests(jobId)).hasSize(1);
    }
}
