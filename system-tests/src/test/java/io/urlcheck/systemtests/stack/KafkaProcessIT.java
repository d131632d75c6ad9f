package io.urlcheck.systemtests.stack;

import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.stack.KafkaProcess;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.StackTopics;
import io.urlcheck.systemtests.support.Home;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker child process the chaos harness stops and restarts: a restart on the same log dir keeps the data. */
class KafkaProcessIT {

    @Test
    void aRestartedBrokerKeepsItsTopicsAndRecords() throws Exception {
        Path dir = Home.runDir("kafka-process");
        KafkaProcess kafka = new KafkaProcess(dir.resolve("kafka"), dir.resolve("logs"), Ports.free(), Ports.free());
        try {
            kafka.start(Duration.ofSeconds(90));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            send(kafka, "before-stop");

            kafka.stop(Duration.ofSeconds(30));
            assertThat(kafka.process().isAlive()).isFalse();
            kafka.start(Duration.ofSeconds(90));
            send(kafka, "after-restart");

            kafka.stop(Duration.ofSeconds(30));
            kafka.start(Duration.ofSeconds(90));

            assertThat(readAll(kafka, 2)).containsExactlyInAnyOrder("before-stop", "after-restart");
        } finally {
            kafka.kill();
        }
    }

    @Test
    void theStacksTopicsAreCreatedByABrokerThatAnswersSlowerThanTheAdminClientsRequestTimeout() throws Exception {
        Path dir = Home.runDir("kafka-slow-topics");
        KafkaProcess kafka = new KafkaProcess(dir.resolve("kafka"), dir.resolve("logs"), Ports.free(), Ports.free());
        try (Admin admin = kafka.admin()) {
            kafka.start(Duration.ofSeconds(90));
            // Frozen for longer than the stack's admin client waits for an answer (2 s) and for a call by default
            // (3 s), as a broker busy beside three booting services on a 2-core machine answered in CI.
            signal("STOP", kafka);
            CompletableFuture<Void> created = CompletableFuture.runAsync(
                    () -> StackTopics.create(admin, Duration.ofSeconds(90)));
            await("the creation still waiting, neither failed nor done, 5 s into the freeze")
                    .during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> !created.isDone());
            signal("CONT", kafka);

            created.get(90, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Topics.ALL);
        } finally {
            kafka.kill(); // SIGKILL ends a stopped broker too; a CONT here would hide why a start failed
        }
    }

    private static void signal(String name, KafkaProcess kafka) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(kafka.process().pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s", name).isTrue();
    }

    private static void send(KafkaProcess kafka, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("kept", value, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(KafkaProcess kafka, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            // Assigned, not subscribed: no consumer group, so no offsets topic to create on a cold broker.
            consumer.assign(List.of(new TopicPartition("kept", 0), new TopicPartition("kept", 1)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
