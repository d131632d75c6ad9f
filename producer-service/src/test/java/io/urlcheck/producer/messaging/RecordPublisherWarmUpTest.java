package io.urlcheck.producer.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service builds its Kafka producer as it starts, not at the first submission: a fresh stack's first job no
 * longer pays for the client's set-up. The client registers its {@code app-info} MBean when it is built.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@TestProfile(RecordPublisherWarmUpTest.FreshStart.class)
class RecordPublisherWarmUpTest {

    /** A profile of its own, so this class gets a fresh start that no other test has submitted to. */
    public static class FreshStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("urlcheck.producer.monitors.scheduler", "false");
        }
    }

    @Test
    void theKafkaProducerExistsBeforeAnyJobIsSubmitted() throws Exception {
        ObjectName producer = new ObjectName("kafka.producer:type=app-info,id=urlcheck-producer");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(producer))
                        .as("the producer's client, built at start-up").isTrue());
    }
}
