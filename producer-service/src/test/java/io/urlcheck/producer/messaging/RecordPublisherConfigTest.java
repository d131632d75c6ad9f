package io.urlcheck.producer.messaging;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordPublisherConfigTest {

    @Test
    void saslAndTlsPropertiesReachTheProducerUnchanged() {
        Map<String, Object> config = RecordPublisher.clientConfig(Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.location", "/certs/ca.p12",
                "group.id", "ignored-by-producers",
                "auto.offset.reset", "earliest"), Map.of());

        assertThat(config).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/certs/ca.p12")
                .containsKey("sasl.jaas.config")
                .doesNotContainKeys("group.id", "auto.offset.reset");
    }

    @Test
    void throughputDefaultsApplyAndCanBeOverridden() {
        Map<String, Object> config = RecordPublisher.clientConfig(Map.of("bootstrap.servers", "b:9092"),
                Map.of("compression.type", "zstd"));

        assertThat(config).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("linger.ms", "20").containsEntry("compression.type", "zstd");
    }
}
