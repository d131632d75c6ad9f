package io.urlcheck.producer.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Topics;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class MonitorsResourceTest {

    private static final String SECRET_HOOK = "https://hooks.example.com/services/T0/B0/s3cr3t-path?token=hook-token";

    private static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return TopicContents.all(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String jsonMonitor(String name) {
        return """
                {"name": "%s", "schedule": {"every": "5m"},
                 "urls": ["HTTP://Example.COM/a/../docs", "https://example.com/pricing", "http://example.com/docs"],
                 "options": {"headers": {"Authorization": "Bearer very-secret"}, "method": "HEAD"},
                 "webhooks": ["%s"], "brokenAfter": 3}
                """.formatted(name, SECRET_HOOK);
    }

    @Test
    void aJsonMonitorIsStoredAcknowledgedAndShownRedacted() {
        String name = unique("json");

        Response created = given().header(ApiHeaders.CLIENT, "test").contentType("application/json").body(jsonMonitor(name))
                .post("/api/monitors");

        created.then().statusCode(201).header("Location", containsString("/api/monitors/" + name))
                .body("urls", equalTo(List.of("http://example.com/docs", "https://example.com/pricing")))
                .body("options.headers.Authorization", equalTo("***"))
                .body("webhooks[0]", equalTo("https://hooks.example.com/\u2026"))
                .body("brokenAfter", equalTo(3));
        assertThat(created.asString()).doesNotContain("very-secret", "s3cr3t-path", "hook-token");
        // On the topic it is whole: the workers' notifier needs the webhook, each run the header.
        Monitor stored = JsonCodec.decode(records(Topics.MONITORS, name).get(0).value(), Monitor.class);
        assertThat(stored.webhooks()).containsExactly(SECRET_HOOK);
        assertThat(stored.options().headers()).containsEntry("Authorization", "Bearer very-secret");

        String shown = given().get("/api/monitors/" + name).then().statusCode(200)
                .body("name", equalTo(name)).body("options.method", equalTo("HEAD")).extract().asString();
        assertThat(shown).doesNotContain("very-secret", "s3cr3t-path", "hook-token");

        List<Map<String, Object>> list = given().get("/api/monitors").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(list).filteredOn(m -> name.equals(m.get("name"))).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("urls", 2).containsEntry("webhooks", 1).containsEntry("brokenAfter", 3)
                    .containsEntry("certExpiryDays", Monitor.DEFAULT_CERT_EXPIRY_DAYS)
                    .containsEntry("schedule", Map.of("every", "5m")).containsKey("lastTick");
            assertThat(m.get("nextTick")).isNotNull();
        });
        assertThat(list).extracting(m -> (String) m.get("name")).isSorted();

        given().header(ApiHeaders.CLIENT, "test").contentType("application/json").body(jsonMonitor(name))
                .post("/api/monitors").then().statusCode(200);
    }

    @Test
    void anUploadedListWithTheRestInTheQueryIsAMonitor() {
        String name = unique("list");

        given().header(ApiHeaders.CLIENT, "test").header(ApiHeaders.OPTIONS, "{\"userAgent\": \"docs-bot\", \"headers\": {\"Cookie\": \"sid=1\"}}")
                .contentType("text/plain")
                .body("# our docs\nhttps://docs.example.com/\n\n  https://docs.example.com/install  \nHTTPS://DOCS.EXAMPLE.COM/\n")
                .post("/api/monitors?name=" + name + "&cron=*/10 * * * *&webhook=https://a.example/x&webhook=http://b.example:8080/y&certExpiryDays=0")
                .then().statusCode(201)
                .body("urls", equalTo(List.of("https://docs.example.com/", "https://docs.example.com/install")))
                .body("schedule.cron", equalTo("*/10 * * * *"))
                .body("options.userAgent", equalTo("docs-bot"))
                .body("options.headers.Cookie", equalTo("***"))
                .body("webhooks", equalTo(List.of("https://a.example/\u2026", "http://b.example:8080/\u2026")))
                .body("certExpiryDays", equalTo(0));
    }

    @Test
    void badUrlsRefuseTheWholeMonitorNamingUpToTenOfThem() {
        String name = unique("bad");
        String body = "https://ok.example/\n" + IntStream.range(0, 12).mapToObj(i -> "not a url " + i).collect(Collectors.joining("\n"));

        String error = given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(body)
                .post("/api/monitors?name=" + name + "&every=1m")
                .then().statusCode(400).extract().jsonPath().getString("error");

        assertThat(error).contains("12 URLs are not one a monitor can check", "first 10", "line 2: ", "line 11: ")
                .doesNotContain("line 12:", "line 13:");
        given().get("/api/monitors/" + name).then().statusCode(404).body("error", containsString(name));
        given().header(ApiHeaders.CLIENT, "test").contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"schedule\": {\"every\": \"1m\"}, \"urls\": [\"https://ok.example/\", \"ftp://x\"]}")
                .post("/api/monitors").then().statusCode(400).body("error", containsString("urls[1]: "));
    }

    @Test
    void aMonitorThatCouldNotRunIsRefusedWithTheReason() {
        String list = "https://ok.example/\n";
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(list)
                .post("/api/monitors?name=no:colons&every=1m").then().statusCode(400).body("error", containsString("name must match"));
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(list)
                .post("/api/monitors?name=x").then().statusCode(400).body("error", containsString("every"));
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(list)
                .post("/api/monitors?name=x&every=1m&cron=* * * * *").then().statusCode(400).body("error", containsString("one of them"));
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(list)
                .post("/api/monitors?name=x&every=fortnightly").then().statusCode(400).body("error", containsString("fortnightly"));
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(list)
                .post("/api/monitors?name=x&every=1m&webhook=ftp://hooks.example/").then().statusCode(400).body("error", containsString("webhooks[0]"));
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(list)
                .post("/api/monitors?name=x&every=1m&brokenAfter=0").then().statusCode(400).body("error", containsString("brokenAfter"));
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("# nothing\n")
                .post("/api/monitors?name=x&every=1m").then().statusCode(400).body("error", containsString("at least one URL"));
        given().header(ApiHeaders.CLIENT, "test").header(ApiHeaders.OPTIONS, "{\"headers\": {\"Host\": \"secret-host-value\"}}")
                .contentType("text/plain").body(list)
                .post("/api/monitors?name=x&every=1m").then().statusCode(400).body("error", not(containsString("secret-host-value")));
        given().header(ApiHeaders.CLIENT, "test").contentType("application/json").body("{\"name\": \"x\", \"schedule\": ")
                .post("/api/monitors").then().statusCode(400).body("error", containsString("not JSON"));
        given().header(ApiHeaders.CLIENT, "test").contentType("application/json").body("[1, 2]")
                .post("/api/monitors").then().statusCode(400).body("error", containsString("JSON object"));
    }

    @Test
    void deletingAMonitorTombstonesItAndItsTicks() {
        String name = unique("gone");
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("https://gone.example/\n")
                .post("/api/monitors?name=" + name + "&every=1h").then().statusCode(201);

        given().header(ApiHeaders.CLIENT, "test").delete("/api/monitors/" + name).then().statusCode(204);

        given().get("/api/monitors/" + name).then().statusCode(404);
        given().header(ApiHeaders.CLIENT, "test").delete("/api/monitors/" + name).then().statusCode(404)
                .body("error", notNullValue());
        assertThat(records(Topics.MONITORS, name)).last().satisfies(r -> assertThat(r.value()).isNull());
        assertThat(records(Topics.MONITOR_TICKS, name)).last().satisfies(r -> assertThat(r.value()).isNull());
    }

    @Test
    void aJobIdWithTheMonitorsPrefixIsRefusedOnEveryWayIn() {
        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body("https://a.example/\n")
                .post("/api/jobs?jobId=monitor:docs:1796465100").then().statusCode(400)
                .body("error", containsString("reserved for monitor runs"));
        given().header(ApiHeaders.CLIENT, "test").contentType("application/json").body("[\"https://a.example/\"]")
                .post("/api/jobs?jobId=monitor:docs:1796465100").then().statusCode(400)
                .body("error", containsString("reserved for monitor runs"));

        String key = unique("reserved-intake");
        KafkaBrokerResource.broker().send(Topics.INTAKE, key,
                "{\"url\": \"https://a.example/\", \"jobId\": \"monitor:docs:1796465100\"}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(records(Topics.DEAD_LETTER, key))
                .singleElement().satisfies(r -> assertThat(new String(r.headers().lastHeader(Topics.HEADER_DLQ_REASON).value(),
                        StandardCharsets.UTF_8)).contains("reserved for monitor runs")));
    }

    @Test
    void aMonitorTooLargeForItsTopicIsRefusedAsDataNotRetriedAsAnOutage() {
        String name = unique("huge");
        Random random = new Random(22);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3600; i++) {
            body.append("https://big.example/").append(i).append('/');
            random.ints(7900, 0, 62).forEach(c -> body.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(c)));
            body.append('\n');
        }

        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(body.toString())
                .post("/api/monitors?name=" + name + "&every=1h")
                .then().statusCode(400).body("error", containsString("split it into smaller monitors"));
        given().get("/api/monitors/" + name).then().statusCode(404);
    }

    @Test
    void anUploadIsRefusedAtItsFirstUrlPastWhatAMonitorHoldsAndDuplicatesDoNotCount() {
        String name = unique("many");
        String body = "https://dup.example/\n".repeat(10) + IntStream.rangeClosed(1, Monitor.MAX_URLS + 5)
                .mapToObj(i -> "https://many.example/" + i).collect(Collectors.joining("\n"));

        given().header(ApiHeaders.CLIENT, "test").contentType("text/plain").body(body)
                .post("/api/monitors?name=" + name + "&every=1h")
                .then().statusCode(400).body("error", equalTo("urls: a monitor holds at most " + Monitor.MAX_URLS
                        + " URLs; line " + (Monitor.MAX_URLS + 10) + " is one more"));
        given().get("/api/monitors/" + name).then().statusCode(404);
    }
}
