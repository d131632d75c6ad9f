package io.urlcheck.producer.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class SubmissionErrorsTest {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    URL base;

    @Test
    void malformedJsonIsA400WithTheReason() {
        given().contentType("application/json").body("[\"http://a.example/\", ")
                .post("/api/jobs?jobId=bad-json").then().statusCode(400)
                .body("error", containsString("malformed JSON"));
        given().contentType("application/json").body("{\"url\": \"http://a.example/\"}")
                .post("/api/jobs").then().statusCode(400)
                .body("error", containsString("expected a JSON array"));
    }

    @Test
    void deeplyNestedJsonIsA400() {
        String deep = "[" + "[".repeat(5000) + "]".repeat(5000) + "]";
        given().contentType("application/json").body(deep)
                .post("/api/jobs").then().statusCode(400)
                .body("error", containsString("nest"));
    }

    @Test
    void anUnsupportedContentTypeIsA415() {
        given().contentType("application/xml").body("<urls/>").post("/api/jobs").then().statusCode(415);
    }

    @Test
    void aMalformedJobIdIsA400() {
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("http://a.example/\n")
                .post("/api/jobs?jobId=has spaces").then().statusCode(400)
                .body("error", containsString("jobId"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsA413BeforeAnyByteIsRead() throws IOException {
        // 1.5 GiB: over the resource's 1 GiB limit, under the Vert.x backstop, so the resource answers.
        String response = rawPost(ApiHeaders.CLIENT + ": test\r\nContent-Type: text/plain\r\nContent-Length: " + (3L * 512 * 1024 * 1024) + "\r\n");
        assertThat(response).startsWith("HTTP/1.1 413").contains("1073741824-byte limit");
    }

    @Test
    void anIncompleteSubmissionLeavesItsTotalsIncomplete() {
        given().contentType("application/json").body("[\"http://partial.example/\", {")
                .post("/api/jobs?jobId=partial-json").then().statusCode(400);
        var totals = TopicContents.totals("partial-json");
        assertThat(totals).isNotEmpty().noneMatch(JobTotals::complete);
    }

    private String rawPost(String headers) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/jobs HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("http://a.example/\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] chunk = new byte[1024];
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                response.append(new String(chunk, 0, n, StandardCharsets.US_ASCII));
                if (response.indexOf("}") >= 0) {
                    break;
                }
            }
            return response.toString();
        }
    }
}
