package io.urlcheck.testkit;

import io.urlcheck.contract.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void brokerStartsWithTheTopicsAndCarriesRecords() {
        KafkaBroker broker = KafkaBrokerResource.broker();

        broker.send(Topics.INTAKE, null, "http://example.com/".getBytes(StandardCharsets.UTF_8));

        var records = broker.read(Topics.INTAKE, 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("http://example.com/");
    }
}
