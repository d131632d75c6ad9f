package io.urlcheck.sink.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.sink.PostgresStoreResource;
import io.urlcheck.sink.TestResults;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import io.urlcheck.testkit.RandomText;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Values PostgreSQL refuses for good, through the real broker into the real database: one batch holds
 * good results, a result with a NUL in its title, one with a 5 KB random URL, one whose check id no
 * index can take, and bytes that are no result at all. The NUL arrives as U+FFFD and the long URL is
 * stored; the other two land on {@code urlcheck.dead-letter} with their reasons and are counted; every
 * good result of the batch, and every later one, is stored. Same test resources as
 * PostgresSinkApiTest and PostgresOutageTest, so all share one application.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresStoreResource.class)
class PostgresDeadLetterTest {

    private static final Pattern DEAD_LETTERS = Pattern.compile("urlcheck_sink_dead_letters_total\\{([^}]*)} ([0-9.E+-]+)");

    private final KafkaBroker broker = KafkaBrokerResource.broker();

    @Test
    void aBatchWithValuesPostgresRefusesStoresTheRestAndDeadLettersOnlyTheUnstorable() {
        String job = TestResults.unique("hostile-batch");
        Instant t0 = Instant.now();
        CheckResult good1 = TestResults.ok(job, "http://good.test/" + job + "/1", 10, t0);
        CheckResult good2 = TestResults.ok(job, "http://good.test/" + job + "/2", 11, t0);
        String nulTitleWire = new String(JsonCodec.encode(TestResults.ok(job, "http://nul.test/" + job, 12, t0)
                .toBuilder().title("a-TITLE-b").build()), StandardCharsets.UTF_8).replace("-TITLE-", "\\u0000");
        CheckResult longUrl = TestResults.ok(job, "http://long.test/" + job + "/" + RandomText.of(5_000, 7), 13, t0);
        CheckResult unindexable = TestResults.ok(job, "http://unindexable.test/" + job, 14, t0).toBuilder()
                .checkId(RandomText.of(5_000, 8)).build();
        double rejectedBefore = deadLetters("rejected");
        double undecodableBefore = deadLetters("undecodable");

        send(List.of(
                new ProducerRecord<>(Topics.RESULTS, good1.url(), JsonCodec.encode(good1)),
                new ProducerRecord<>(Topics.RESULTS, "nul-" + job, nulTitleWire.getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.RESULTS, longUrl.url(), JsonCodec.encode(longUrl)),
                new ProducerRecord<>(Topics.RESULTS, "unindexable-" + job, JsonCodec.encode(unindexable)),
                new ProducerRecord<>(Topics.RESULTS, "garbage-" + job, new byte[]{(byte) 0xFF, 0, 1, 2}),
                new ProducerRecord<>(Topics.RESULTS, good2.url(), JsonCodec.encode(good2))));
        TestResults.publish(broker, TestResults.totals(job, 5, 0, true, t0));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/api/jobs/" + job).then().statusCode(200).body("checked", equalTo(4)));
        given().queryParam("url", "http://nul.test/" + job).get("/api/results/lookup").then().statusCode(200)
                .body("latest.title", equalTo("a\uFFFDb"));
        String stored = given().queryParam("jobId", job).queryParam("format", "jsonl").get("/api/results").asString();
        assertThat(stored.lines().map(l -> JsonCodec.decode(l.getBytes(StandardCharsets.UTF_8), CheckResult.class).checkId()))
                .contains(longUrl.checkId(), good1.checkId(), good2.checkId()).doesNotContain(unindexable.checkId());
        given().queryParam("url", good2.url()).get("/api/results/lookup").then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> letters = await().atMost(Duration.ofSeconds(60)).until(
                () -> broker.read(Topics.DEAD_LETTER, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                        .filter(r -> r.key() != null && r.key().endsWith(job)).toList(),
                l -> l.size() >= 2);
        assertThat(letters).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("unindexable-" + job, "garbage-" + job);
        ConsumerRecord<String, byte[]> rejected = letters.stream().filter(r -> r.key().startsWith("unindexable")).findFirst().orElseThrow();
        assertThat(header(rejected, Topics.HEADER_DLQ_REASON)).contains("SQLSTATE 54000");
        assertThat(header(rejected, Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.RESULTS);
        assertThat(header(rejected, Topics.HEADER_DLQ_POSITION)).matches("\\d+:\\d+");
        assertThat(rejected.value()).isEqualTo(JsonCodec.encode(unindexable));
        ConsumerRecord<String, byte[]> garbage = letters.stream().filter(r -> r.key().startsWith("garbage")).findFirst().orElseThrow();
        assertThat(header(garbage, Topics.HEADER_DLQ_REASON)).contains("CheckResult");
        assertThat(deadLetters("rejected")).isGreaterThanOrEqualTo(rejectedBefore + 1);
        assertThat(deadLetters("undecodable")).isGreaterThanOrEqualTo(undecodableBefore + 1);

        CheckResult later = TestResults.failed(job, "http://later.test/" + job, Outcome.TIMEOUT, null, 20L, t0);
        TestResults.publish(broker, later);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().queryParam("url", later.url()).get("/api/results/lookup").then().statusCode(200));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void undecodableJobTotalsAreDeadLetteredWithTheirReason() {
        String key = TestResults.unique("bad-totals");
        broker.send(Topics.JOBS, key, "{\"jobId\": 42, \"submitted\": \"many\"}".getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<String, byte[]>> letters = await().atMost(Duration.ofSeconds(60)).until(
                () -> broker.read(Topics.DEAD_LETTER, Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                        .filter(r -> key.equals(r.key())).toList(),
                l -> !l.isEmpty());
        assertThat(header(letters.get(0), Topics.HEADER_DLQ_REASON)).contains("JobTotals");
        assertThat(header(letters.get(0), Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.JOBS);
    }

    private void send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "50",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private static double deadLetters(String cause) {
        String metrics = given().get("/q/metrics").asString();
        double total = 0;
        Matcher m = DEAD_LETTERS.matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains("cause=\"" + cause + "\"") && m.group(1).contains("topic=\"" + Topics.RESULTS + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
