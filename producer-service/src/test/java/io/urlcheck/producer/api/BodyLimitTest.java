package io.urlcheck.producer.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The body limit, shrunk to 64 KiB so that crossing it costs little. */
@QuarkusTest
@TestProfile(BodyLimitTest.SmallBodies.class)
@WithTestResource(KafkaBrokerResource.class)
class BodyLimitTest {

    /** A 64 KiB body limit. */
    public static class SmallBodies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("urlcheck.producer.max-body-bytes", "65536");
        }
    }

    private static InputStream lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("http://limit.example/").append(i).append('\n');
        }
        return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        given().contentType("text/plain").body(lines(5000))
                .post("/api/jobs?jobId=too-large").then().statusCode(413)
                .body("error", containsString("65536-byte limit"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/jobs?jobId=too-large-chunked")
    java.net.URI jobs;

    @Test
    void aStreamedBodyWithoutLengthIsCutAtTheLimit() throws Exception {
        // An InputStream publisher has no length, so the client sends it chunked.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(jobs)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> lines(5000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("65536-byte limit");
    }

    @Test
    void aBodyUnderTheLimitIsTaken() {
        given().contentType("text/plain").body(lines(100))
                .post("/api/jobs?jobId=small-enough").then().statusCode(202).body("accepted", equalTo(100));
    }
}
