package io.urlcheck.worker.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Schedule;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CompactedTable;
import io.urlcheck.testkit.KafkaBrokerResource;
import io.urlcheck.worker.support.TopicTail;
import io.urlcheck.worker.support.WebhookReceiver;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The webhook notifier through the real broker: monitors on {@code urlcheck.monitors}, events on
 * {@code urlcheck.events}, loopback webhooks, and what a webhook did not take on {@code urlcheck.events.undelivered}.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class WebhookNotifierTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static WebhookReceiver webhooks;
    private static TopicTail undelivered;

    @Inject
    CompactedTable<Monitor> monitors;

    @BeforeAll
    static void start() {
        KafkaBrokerResource.broker().createTopic(Topics.EVENTS_UNDELIVERED, 1);
        webhooks = WebhookReceiver.start();
        undelivered = new TopicTail(KafkaBrokerResource.broker().bootstrapServers(), Topics.EVENTS_UNDELIVERED);
    }

    @AfterAll
    static void stop() {
        webhooks.close();
        undelivered.close();
    }

    @Test
    void anEventIsPostedOnceWithItsIdHeadersAndTheSlackText() throws Exception {
        String path = "/hook-" + UUID.randomUUID();
        String monitor = monitor(webhooks.url(path));
        MonitorEvent event = event(monitor);

        publish(event);

        await().atMost(PATIENCE).until(() -> webhooks.received(path).size() == 1);
        WebhookReceiver.Received post = webhooks.received(path).get(0);
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.header("X-Urlcheck-Event-Id")).isEqualTo(event.id());
        assertThat(post.header("Idempotency-Key")).isEqualTo(event.id());
        MonitorEvent posted = JsonCodec.decode(post.body().getBytes(StandardCharsets.UTF_8), MonitorEvent.class);
        assertThat(posted).isEqualTo(event);
        assertThat(JsonCodec.mapper().readTree(post.body()).get("text").asText())
                .isEqualTo("[" + monitor + "] BROKEN https://site.example/page: HTTP_ERROR 503, 2 failures in a row (was OK 200)");

        publish(event); // the same event again, as a redelivery or the sink's re-emit would bring it
        String after = monitor(webhooks.url(path + "-after"));
        publish(event(after));
        await().atMost(PATIENCE).until(() -> webhooks.received(path + "-after").size() == 1);
        assertThat(webhooks.received(path)).hasSize(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("urlcheck_worker_webhook_deliveries_total{outcome=\"duplicate\""))
                .body(containsString("urlcheck_worker_webhook_deliveries_total{outcome=\"delivered\""));
    }

    @Test
    void twoServiceUnavailablesThenOkIsDeliveredOnceAfterRetries() {
        String path = "/flaky-" + UUID.randomUUID();
        webhooks.script(path, 503, 503, 200);
        MonitorEvent event = event(monitor(webhooks.url(path)));

        publish(event);

        await().atMost(PATIENCE).until(() -> webhooks.received(path).size() == 3);
        assertThat(webhooks.received(path)).extracting(r -> r.header("Idempotency-Key")).containsOnly(event.id());
        assertThat(undeliveredOf(event)).isEmpty();
    }

    @Test
    void notFoundIsUndeliveredAtOnceWithTheReasonAndNoSecretPath() {
        String path = "/gone-" + UUID.randomUUID() + "/secret-token";
        webhooks.script(path, 404);
        MonitorEvent event = event(monitor(webhooks.url(path)));

        publish(event);

        ConsumerRecord<String, byte[]> letter = awaitUndelivered(event);
        assertThat(webhooks.received(path)).hasSize(1);
        assertThat(header(letter, Topics.HEADER_DLQ_REASON))
                .isEqualTo("http://127.0.0.1:" + webhooks.port() + "/… answered 404, which is not retried");
        assertThat(header(letter, Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.EVENTS);
        assertThat(header(letter, Topics.HEADER_DLQ_POSITION)).matches("\\d+:\\d+");
        assertThat(letter.key()).isEqualTo(event.url());
        assertThat(JsonCodec.decode(letter.value(), MonitorEvent.class)).isEqualTo(event);
    }

    @Test
    void aWebhookOnABlockedAddressIsUndeliveredWithoutAnyRequest() {
        MonitorEvent event = event(monitor("http://169.254.169.254/latest/meta-data"));

        publish(event);

        assertThat(header(awaitUndelivered(event), Topics.HEADER_DLQ_REASON))
                .startsWith("http://169.254.169.254/… refused: 169.254.169.254: 169.254.169.254 is in blocked range 169.254.0.0/16");
    }

    @Test
    void aHangingWebhookDoesNotDelayAnotherMonitorsWebhook() {
        String hanging = "/hang-" + UUID.randomUUID();
        String healthy = "/ok-" + UUID.randomUUID();
        webhooks.hang(hanging);
        MonitorEvent stuck = event(monitor(webhooks.url(hanging)));
        MonitorEvent fine = event(monitor(webhooks.url(healthy)));

        publish(stuck);
        await().atMost(PATIENCE).until(() -> webhooks.hangingNow() >= 1);
        publish(fine);

        await().atMost(PATIENCE).until(() -> webhooks.received(healthy).size() == 1);
        // The first try of the stuck event is still open (the test profile's request-timeout outlasts this test).
        assertThat(webhooks.hangingNow()).isEqualTo(1);
        assertThat(webhooks.received(hanging)).hasSize(1);
        assertThat(undeliveredOf(stuck)).isEmpty();
        webhooks.release(hanging); // answered 200 now: the event is delivered, so later offsets can be committed
    }

    @Test
    void anEventsOffsetIsCommittedOnlyOnceItsWebhookAnswered() throws Exception {
        String path = "/held-" + UUID.randomUUID();
        webhooks.hang(path);
        RecordMetadata sent = publish(event(monitor(webhooks.url(path))));
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());

        await().atMost(PATIENCE).until(() -> webhooks.hangingNow() >= 1 && !webhooks.received(path).isEmpty());
        // Delivery is under way: the offset must not be committed yet, although commits happen every second.
        assertThat(committed(partition)).isLessThanOrEqualTo(sent.offset());

        webhooks.release(path);
        await().atMost(PATIENCE).until(() -> committed(partition) > sent.offset());
        assertThat(webhooks.received(path)).hasSize(1);
    }

    /** Writes a monitor with {@code webhook} and waits until the worker's table has it; returns its name. */
    private String monitor(String webhook) {
        String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
        Monitor monitor = new Monitor(name, Schedule.every("5m"), List.of("https://site.example/page"), null,
                List.of(webhook), null, null);
        KafkaBrokerResource.broker().send(Topics.MONITORS, name, JsonCodec.encode(monitor));
        await().atMost(PATIENCE).until(() -> monitors.get(name).isPresent());
        return name;
    }

    private static MonitorEvent event(String monitor) {
        String url = "https://site.example/page";
        String jobId = "monitor:" + monitor + ":1764900000";
        String detail = "HTTP_ERROR 503, 2 failures in a row (was OK 200)";
        return new MonitorEvent(MonitorEvent.SCHEMA_VERSION, MonitorEvent.idOf(monitor, url, jobId, MonitorEvent.Type.BROKEN),
                MonitorEvent.Type.BROKEN, monitor, url, jobId, Instant.parse("2026-12-05T02:00:00Z"),
                new MonitorEvent.State(Outcome.OK, 200, url, "Page", null),
                new MonitorEvent.State(Outcome.HTTP_ERROR, 503, url, null, null),
                detail, MonitorEvent.textOf(MonitorEvent.Type.BROKEN, monitor, url, detail));
    }

    private static RecordMetadata publish(MonitorEvent event) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            return producer.send(new ProducerRecord<>(Topics.EVENTS, event.url(), JsonCodec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the event", e);
        }
    }

    private static long committed(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.broker().bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("urlcheck-notifier")
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> undeliveredOf(MonitorEvent event) {
        return undelivered.matching(r -> new String(r.value(), StandardCharsets.UTF_8).contains(event.id()));
    }

    private static ConsumerRecord<String, byte[]> awaitUndelivered(MonitorEvent event) {
        return undelivered.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains(event.id()), 1, PATIENCE).get(0);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
