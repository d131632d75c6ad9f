package io.urlcheck.systemtests.hostile;

import io.urlcheck.contract.Topics;
import io.urlcheck.systemtests.chaos.Pipeline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 10 MB record on {@code urlcheck.intake} after an operator raised the topic's {@code max.message.bytes}
 * (at the broker's default limit the broker itself refuses it: {@code HostileInputIT}). The promise: it is
 * dead-lettered with a reason and the producer carries on with the next record. Its own stack, because a
 * producer that breaks this promise stops consuming the intake topic.
 */
class HostileLargeIntakeIT {

    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final int RAISED_LIMIT = 16 * 1024 * 1024;

    @Test
    @Tag("chaos")
    void aTenMegabyteIntakeRecordUnderARaisedTopicLimitIsDeadLetteredAndTheProducerCarriesOn() throws Exception {
        try (Pipeline run = Pipeline.builder("hostileLargeIntake").workers(1).start()) {
            String bootstrap = run.stack().bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                ConfigResource intake = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INTAKE);
                admin.incrementalAlterConfigs(Map.of(intake, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(RAISED_LIMIT)),
                        AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            }
            byte[] tenMb = new byte[TEN_MB];
            Arrays.fill(tenMb, (byte) 'a');
            String next = run.fleet().url(3, "/title/after-10mb");
            try (KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RAISED_LIMIT,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
                kafka.send(new ProducerRecord<>(Topics.INTAKE, 0, "hostile-10mb", tenMb)).get(60, TimeUnit.SECONDS);
                kafka.send(new ProducerRecord<>(Topics.INTAKE, 0, "hostile-10mb-next", ("{\"url\": \"" + next
                        + "\", \"jobId\": \"hostile-after-10mb\"}").getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(bootstrap, Topics.DEAD_LETTER,
                    records -> records.stream().anyMatch(r -> "hostile-10mb".equals(r.key())), Duration.ofSeconds(60));
            assertThat(dead).filteredOn(r -> "hostile-10mb".equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(TopicReader.header(r, Topics.HEADER_DLQ_REASON)).contains("exceeds"));
            await("the record after the 10 MB one is checked").atMost(Duration.ofSeconds(90))
                    .until(() -> run.job("hostile-after-10mb").filter(j -> j.checked() >= 1).isPresent());
            assertThat(Pipeline.probe(run.stack().producerUrl() + "/q/health/ready")).isEqualTo(200);
        }
    }
}
