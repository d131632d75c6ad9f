package io.urlcheck.sink.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.sink.JsonStoreDirResource;
import io.urlcheck.sink.MonitorBatch;
import io.urlcheck.sink.MonitorJudge;
import io.urlcheck.sink.MonitorResults;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.store.json.JsonMonitorStore;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A sink that died after storing an event and before publishing it: its store directory holds the event,
 * unpublished. The restarted sink publishes it to {@code urlcheck.events} with its first batch, and marks it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(OutboxRecoveryTest.CrashedOutbox.class)
class OutboxRecoveryTest {

    /** The event the crashed sink left unpublished. */
    static volatile MonitorEvent left;

    /** A JSON store directory as a sink leaves it when killed between storing an event and publishing it. */
    public static class CrashedOutbox extends JsonStoreDirResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            String name = TestResults.unique("crashed");
            String url = "http://e.test/" + name;
            MonitorBatch batch = MonitorJudge.judgeAll(MonitorResults.observations(MonitorResults.monitor(name, 1, url),
                    List.of(MonitorResults.result(name, 0, url, Outcome.TIMEOUT))), Map.of());
            left = batch.events().get(0);
            try {
                Files.writeString(dir().resolve(JsonMonitorStore.LOG_FILE),
                        JsonCodec.encodeToString(new JsonMonitorStore.Line(batch.watches(), batch.events(), batch.tallies(), List.of())) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return config;
        }
    }

    private final KafkaBroker broker = KafkaBrokerResource.broker();

    @Test
    void anEventStoredBeforeACrashIsPublishedAfterTheRestart() throws IOException {
        String job = TestResults.unique("any");
        TestResults.publishAll(broker, List.of(TestResults.ok(job, "http://f.test/" + job, 5, Instant.now())));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(broker.read(Topics.EVENTS, Integer.MAX_VALUE,
                Duration.ofSeconds(3))).anySatisfy(r -> {
                    assertThat(r.key()).isEqualTo(left.url());
                    assertThat(JsonCodec.decode(r.value(), MonitorEvent.class)).isEqualTo(left);
                }));
        given().queryParam("monitor", left.monitor()).get("/api/events").then().statusCode(200)
                .body("items.id", equalTo(List.of(left.id())));
        Path log = JsonStoreDirResource.dir().resolve(JsonMonitorStore.LOG_FILE);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Files.readString(log)).contains("\"published\":[\"" + left.id() + "\"]"));
    }
}
