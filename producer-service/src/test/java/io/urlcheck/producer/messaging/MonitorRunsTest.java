package io.urlcheck.producer.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.contract.Schedule;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The service as deployed runs the scheduler: a monitor added through the API fires its current tick at once,
 * as an ordinary job through the job submitter, under the tick's job id and with the monitor's options.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@TestProfile(MonitorRunsTest.SchedulerOn.class)
class MonitorRunsTest {

    /** The test profile turns the scheduler off for the other tests; this one turns it back on, as deploy has it. */
    public static class SchedulerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("urlcheck.producer.monitors.scheduler", "true");
        }
    }

    @Test
    void aNewMonitorRunsAtOnceAsAJobWithItsOptions() {
        String name = "runs-" + UUID.randomUUID().toString().substring(0, 8);
        Instant before = Instant.now();
        given().header(ApiHeaders.CLIENT, "test").header(ApiHeaders.OPTIONS, "{\"headers\": {\"X-Token\": \"t0ken\"}, \"retries\": 1}")
                .contentType("text/plain").body("https://runs.example/a\nhttps://runs.example/b\n")
                .post("/api/monitors?name=" + name + "&every=1h").then().statusCode(201);

        String jobId = MonitorJobId.of(name, Schedule.every("1h").latestTickAtOrBefore(before));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(TopicContents.requests(jobId)).extracting(CheckRequest::url)
                    .containsExactlyInAnyOrder("https://runs.example/a", "https://runs.example/b");
            assertThat(TopicContents.totals(jobId)).extracting(JobTotals::complete).contains(true);
        });
        assertThat(TopicContents.requests(jobId)).allSatisfy(request -> {
            assertThat(request.options().headers()).containsEntry("X-Token", "t0ken");
            assertThat(request.options().retries()).isEqualTo(1);
        });
        given().get("/api/monitors").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.lastTick", notNullValue());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("source=\"monitor\""));
    }
}
