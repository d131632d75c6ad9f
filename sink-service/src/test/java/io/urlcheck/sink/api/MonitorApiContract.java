package io.urlcheck.sink.api;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.MonitorEvent.Type;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.sink.MonitorResults;
import io.urlcheck.sink.TestResults;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.urlcheck.sink.MonitorResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * Monitor runs' results through the real broker into the sink: the events it publishes on {@code urlcheck.events}
 * and serves at {@code /api/events}, {@code /api/monitors}, the runs, {@code lookup?monitor=} and the gauges.
 * Each store's {@code @QuarkusTest} subclass runs it against that store.
 */
public abstract class MonitorApiContract {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    protected final KafkaBroker broker = KafkaBrokerResource.broker();

    private void create(Monitor monitor) {
        broker.send(Topics.MONITORS, monitor.name(), JsonCodec.encode(monitor));
        await().atMost(PATIENCE).untilAsserted(() ->
                given().get("/api/monitors").then().statusCode(200).body("name", hasItem(monitor.name())));
    }

    private List<MonitorEvent> eventsOnTheTopic(String monitor) {
        List<MonitorEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : broker.read(Topics.EVENTS, Integer.MAX_VALUE, Duration.ofSeconds(3))) {
            MonitorEvent e = JsonCodec.decode(r.value(), MonitorEvent.class);
            if (e.monitor().equals(monitor)) {
                assertThat(r.key()).isEqualTo(e.url());
                events.add(e);
            }
        }
        return events;
    }

    @Test
    void aUrlThatBreaksAndRecoversRaisesEachEventOnceOnTheTopicAndInTheApi() {
        String name = TestResults.unique("site");
        String a = "http://a.test/" + name;
        String b = "http://b.test/" + name;
        create(MonitorResults.monitor(name, 2, a, b));
        CheckResult bRenamed = result(name, 1, b, Outcome.OK).toBuilder().title("Renamed").build();
        List<CheckResult> run2 = List.of(result(name, 2, a, Outcome.HTTP_ERROR),
                result(name, 2, b, Outcome.OK).toBuilder().title("Renamed").build());
        TestResults.publishAll(broker, List.of(result(name, 0, a, Outcome.OK), result(name, 0, b, Outcome.OK),
                result(name, 1, a, Outcome.HTTP_ERROR), bRenamed));
        TestResults.publishAll(broker, run2);
        TestResults.publishAll(broker, run2); // redelivered
        TestResults.publishAll(broker, List.of(result(name, 3, a, Outcome.OK), result(name, 3, b, Outcome.OK)
                .toBuilder().title("Renamed").build()));

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("monitor", name).get("/api/events").then()
                .statusCode(200).body("items.type", equalTo(List.of("RECOVERED", "BROKEN", "CHANGED")))
                .body("items.url", equalTo(List.of(a, a, b))).body("nextCursor", equalTo(null)));
        given().queryParam("monitor", name).queryParam("type", "broken").get("/api/events").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].detail", equalTo("HTTP_ERROR 503, 2 failures in a row (was HTTP_ERROR 503)"))
                .body("items[0].previous.outcome", equalTo("HTTP_ERROR")).body("items[0].current.statusCode", equalTo(503))
                .body("items[0].jobId", equalTo(run2.get(0).jobId())).body("items[0].text", containsString("[" + name + "] BROKEN " + a));
        String cursor = given().queryParam("monitor", name).queryParam("limit", "2").get("/api/events").then().statusCode(200)
                .body("items", hasSize(2)).extract().path("nextCursor");
        given().queryParam("monitor", name).queryParam("limit", "2").queryParam("cursor", cursor).get("/api/events").then()
                .statusCode(200).body("items.type", equalTo(List.of("CHANGED"))).body("nextCursor", equalTo(null));
        given().queryParam("type", "nope").get("/api/events").then().statusCode(400).body("error", containsString("type must be one of"));
        given().queryParam("cursor", "garbage").get("/api/events").then().statusCode(400).body("error", containsString("cursor"));

        List<String> ids = given().queryParam("monitor", name).get("/api/events").then().extract().jsonPath().getList("items.id", String.class);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOnTheTopic(name)).extracting(MonitorEvent::id)
                .containsAll(ids).allMatch(ids::contains));
        assertThat(ids).hasSize(3);

        given().get("/api/monitors/" + name + "/runs").then().statusCode(200)
                .body("jobId", equalTo(List.of(3, 2, 1, 0).stream().map(n -> result(name, n, a, Outcome.OK).jobId()).toList()))
                .body("tick[0]", equalTo(MonitorResults.tick(3).toString()))
                .body("up", equalTo(List.of(2, 1, 1, 2))).body("down", equalTo(List.of(0, 1, 1, 0))).body("total", equalTo(List.of(2, 2, 2, 2)));
        given().queryParam("limit", "1").get("/api/monitors/" + name + "/runs").then().statusCode(200).body("", hasSize(1));
        given().get("/api/monitors/" + TestResults.unique("nobody") + "/runs").then().statusCode(404);
        given().get("/api/monitors").then().statusCode(200)
                .body("find { it.name == '" + name + "' }.urls", equalTo(2))
                .body("find { it.name == '" + name + "' }.up", equalTo(2))
                .body("find { it.name == '" + name + "' }.down", equalTo(0))
                .body("find { it.name == '" + name + "' }.schedule.every", equalTo("1m"))
                .body("find { it.name == '" + name + "' }.lastRun", equalTo(MonitorResults.tick(3).toString()))
                .body("find { it.name == '" + name + "' }.lastJobId", equalTo(result(name, 3, a, Outcome.OK).jobId()));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("urlcheck_monitor_urls{monitor=\"" + name + "\",state=\"up\"} 2.0"))
                .body(containsString("urlcheck_monitor_urls{monitor=\"" + name + "\",state=\"down\"} 0.0"))
                .body(containsString("urlcheck_monitor_last_run_timestamp_seconds{monitor=\"" + name + "\"} "))
                .body(containsString("urlcheck_sink_events_total{type=\"BROKEN\"}")));
    }

    @Test
    void lookupWithMonitorShowsOnlyThatMonitorsRuns() {
        String name = TestResults.unique("look");
        String url = "http://c.test/" + name;
        create(MonitorResults.monitor(name, 2, url));
        CheckResult adhoc = TestResults.ok(TestResults.unique("adhoc"), url, 5, MonitorResults.tick(5));
        TestResults.publishAll(broker, List.of(result(name, 0, url, Outcome.OK), result(name, 1, url, Outcome.TIMEOUT), adhoc));

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("url", url).get("/api/results/lookup").then()
                .statusCode(200).body("history", hasSize(3)));
        given().queryParam("url", url).queryParam("monitor", name).get("/api/results/lookup").then().statusCode(200)
                .body("history", hasSize(2)).body("latest.outcome", equalTo("TIMEOUT"))
                .body("history.jobId", not(hasItem(adhoc.jobId())));
        given().queryParam("url", url).queryParam("monitor", TestResults.unique("other")).get("/api/results/lookup").then()
                .statusCode(404);
        given().queryParam("url", url).queryParam("monitor", "bad name!").get("/api/results/lookup").then().statusCode(400);
    }

    @Test
    void resultsOfAnUnknownOrDeletedMonitorRaiseNothing() {
        String ghost = TestResults.unique("ghost");
        String deleted = TestResults.unique("gone");
        String known = TestResults.unique("known");
        String url = "http://d.test/" + known; // one URL, so one partition: the known monitor's result comes last
        create(MonitorResults.monitor(deleted, 1, url));
        broker.send(Topics.MONITORS, deleted, null);
        await().atMost(PATIENCE).untilAsserted(() ->
                given().get("/api/monitors").then().statusCode(200).body("name", not(hasItem(deleted))));
        create(MonitorResults.monitor(known, 1, url));

        TestResults.publishAll(broker, List.of(result(ghost, 0, url, Outcome.TIMEOUT), result(deleted, 0, url, Outcome.TIMEOUT),
                result(known, 0, url, Outcome.TIMEOUT)));

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("monitor", known).get("/api/events").then()
                .statusCode(200).body("items.type", equalTo(List.of(Type.BROKEN.name()))));
        for (String unknown : List.of(ghost, deleted)) {
            given().queryParam("monitor", unknown).get("/api/events").then().statusCode(200).body("items", hasSize(0));
        }
        given().get("/api/monitors").then().statusCode(200).body("name", not(hasItem(ghost)));
    }

    @Test
    void aRunThatBreaksHundredsOfUrlsAtOncePublishesEveryEvent() {
        String name = TestResults.unique("wide");
        List<String> urls = IntStream.range(0, 350).mapToObj(i -> "http://wide.test/" + name + "/" + i).toList();
        create(MonitorResults.monitor(name, 1, urls.toArray(String[]::new)));
        TestResults.publishAll(broker, urls.stream().map(u -> result(name, 0, u, Outcome.CONNECTION_REFUSED)).toList());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOnTheTopic(name)).extracting(MonitorEvent::url)
                .containsAll(urls));
        given().queryParam("monitor", name).queryParam("limit", "1000").get("/api/events").then().statusCode(200)
                .body("items", hasSize(urls.size()));
    }
}
