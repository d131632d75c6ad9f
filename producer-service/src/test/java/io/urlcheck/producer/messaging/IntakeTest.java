package io.urlcheck.producer.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.DeadLetter;
import io.urlcheck.producer.JobIds;
import io.urlcheck.producer.TopicContents;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class IntakeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static void send(String key, String value) {
        KafkaBrokerResource.broker().send(Topics.INTAKE, key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainTextRecordJoinsTodaysStandingJob() {
        send(null, "  HTTP://Plain-Intake.Example/a/../b  ");

        String standing = JobIds.standing(LocalDate.now(ZoneOffset.UTC));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicContents.requests(standing))
                .extracting(CheckRequest::url).contains("http://plain-intake.example/b"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicContents.totals(standing))
                .isNotEmpty().allSatisfy(t -> assertThat(t.complete()).isFalse()));
    }

    @Test
    void jsonRecordsJoinTheirNamedJobAndAreCountedWithAnIntactIdentity() {
        send("k1", "{\"url\": \"https://json-intake.example/x\", \"jobId\": \"intake-json\"}");
        send("k2", "{\"url\": \"https://JSON-intake.example:443/x#top\", \"jobId\": \"intake-json\"}");
        send("k3", "{\"url\": \"javascript:alert(1)\", \"jobId\": \"intake-json\"}");
        send("k4", "{\"url\": \"   \", \"jobId\": \"intake-json\"}");

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JobTotals> totals = TopicContents.totals("intake-json");
            assertThat(totals).isNotEmpty();
            JobTotals last = totals.get(totals.size() - 1);
            assertThat(last.submitted()).isEqualTo(4);
            assertThat(last.accepted()).isEqualTo(1);
            assertThat(last.duplicates()).isEqualTo(1);
            assertThat(last.rejected()).isEqualTo(1);
            assertThat(last.skipped()).isEqualTo(1);
        });
        assertThat(TopicContents.requests("intake-json")).extracting(CheckRequest::url)
                .containsExactly("https://json-intake.example/x");
        assertThat(TopicContents.results("intake-json")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INVALID_URL);
            assertThat(r.error()).contains("unsupported scheme 'javascript'");
        });
        given().get("/api/jobs/intake-json").then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void jsonRecordsCarryTheirOptionsAndAnExcludedUrlIsSkippedNotRequested() {
        String options = "\"options\": {\"method\": \"head\", \"headers\": {\"X-Token\": \"t0k\"}, \"exclude\": [\"/private/\"]}";
        send("o1", "{\"url\": \"https://opts-intake.example/public\", \"jobId\": \"intake-options\", " + options + "}");
        send("o2", "{\"url\": \"https://opts-intake.example/private/x\", \"jobId\": \"intake-options\", " + options + "}");
        send("bad-options", "{\"url\": \"http://x.example/\", \"jobId\": \"intake-options\", \"options\": {\"accept\": \"2xx\"}}");

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JobTotals> totals = TopicContents.totals("intake-options");
            assertThat(totals).isNotEmpty();
            JobTotals last = totals.get(totals.size() - 1);
            assertThat(last.submitted()).isEqualTo(2);
            assertThat(last.accepted()).isEqualTo(1);
            assertThat(last.rejected()).as("the skipped URL has a result the sink expects").isEqualTo(1);
        });
        assertThat(TopicContents.requests("intake-options")).singleElement().satisfies(r -> {
            assertThat(r.url()).isEqualTo("https://opts-intake.example/public");
            assertThat(r.options().method()).isEqualTo("HEAD");
            assertThat(r.options().headers()).containsEntry("X-Token", "t0k");
        });
        assertThat(TopicContents.results("intake-options")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(r.url()).isEqualTo("https://opts-intake.example/private/x");
            assertThat(r.error()).isEqualTo("excluded by --exclude '/private/'");
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicContents.all(Topics.DEAD_LETTER))
                .filteredOn(r -> "bad-options".equals(r.key())).singleElement()
                .satisfies(r -> assertThat(reason(r)).contains("accept spec '2xx'")));
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheirReason() {
        KafkaBrokerResource.broker().send(Topics.INTAKE, "dlq-empty", new byte[0]);
        KafkaBrokerResource.broker().send(Topics.INTAKE, "dlq-utf8", new byte[]{'h', 't', (byte) 0xC3, (byte) 0x28});
        byte[] huge = new byte[70 * 1024];
        Arrays.fill(huge, (byte) 'a');
        KafkaBrokerResource.broker().send(Topics.INTAKE, "dlq-huge", huge);
        send("dlq-shape", "{\"link\": \"http://x.example/\"}");
        send("dlq-job", "{\"url\": \"http://x.example/\", \"jobId\": \"bad job id!\"}");

        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, String> reasons = TopicContents.all(Topics.DEAD_LETTER).stream()
                    .filter(r -> r.key() != null && r.key().startsWith("dlq-"))
                    .collect(Collectors.toMap(ConsumerRecord::key, IntakeTest::reason, (a, b) -> a));
            assertThat(reasons).containsOnlyKeys("dlq-empty", "dlq-utf8", "dlq-huge", "dlq-shape", "dlq-job");
            assertThat(reasons.get("dlq-empty")).contains("empty");
            assertThat(reasons.get("dlq-utf8")).contains("UTF-8");
            assertThat(reasons.get("dlq-huge")).contains("exceeds");
            assertThat(reasons.get("dlq-shape")).contains("url");
            assertThat(reasons.get("dlq-job")).contains("jobId");
        });
        List<ConsumerRecord<String, byte[]>> dead = TopicContents.all(Topics.DEAD_LETTER);
        assertThat(dead).filteredOn(r -> "dlq-huge".equals(r.key())).singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).hasSize(DeadLetter.MAX_BYTES);
                    assertThat(new String(r.headers().lastHeader(Topics.HEADER_DLQ_ORIGINAL_BYTES).value(), StandardCharsets.UTF_8))
                            .isEqualTo(Integer.toString(70 * 1024));
                    assertThat(new String(r.headers().lastHeader(Topics.HEADER_DLQ_TOPIC).value(), StandardCharsets.UTF_8))
                            .isEqualTo(Topics.INTAKE);
                });
    }

    @Test
    void recordLargerThanTheProducersOwnRequestLimitIsDeadLetteredAndIntakeCarriesOn() throws Exception {
        String bootstrap = KafkaBrokerResource.broker().bootstrapServers();
        int fourMiB = 4 * 1024 * 1024;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource intake = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INTAKE);
            admin.incrementalAlterConfigs(Map.of(intake, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", Integer.toString(fourMiB)), AlterConfigOp.OpType.SET)))).all().get();
        }
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        Arrays.fill(twoMiB, (byte) 'b');
        try (KafkaProducer<String, byte[]> client = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, fourMiB,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            client.send(new ProducerRecord<>(Topics.INTAKE, "dlq-2mib", twoMiB)).get();
        }
        send("after-2mib", "{\"url\": \"http://after-two-mib.example/\", \"jobId\": \"intake-after-2mib\"}");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicContents.all(Topics.DEAD_LETTER))
                .filteredOn(r -> "dlq-2mib".equals(r.key())).singleElement().satisfies(r -> {
                    assertThat(r.value()).hasSize(DeadLetter.MAX_BYTES);
                    assertThat(new String(r.headers().lastHeader(Topics.HEADER_DLQ_ORIGINAL_BYTES).value(), StandardCharsets.UTF_8))
                            .isEqualTo(Integer.toString(twoMiB.length));
                }));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicContents.requests("intake-after-2mib"))
                .extracting(CheckRequest::url).containsExactly("http://after-two-mib.example/"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(Topics.HEADER_DLQ_REASON).value(), StandardCharsets.UTF_8);
    }

    static List<CheckResult> invalid(String jobId) {
        return TopicContents.results(jobId);
    }
}
