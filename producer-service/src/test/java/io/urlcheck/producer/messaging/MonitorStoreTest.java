package io.urlcheck.producer.messaging;

import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Schedule;
import io.urlcheck.testkit.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor store on the real broker: what one replica writes, it and every other replica read after a barrier. */
class MonitorStoreTest {

    private static MonitorStore store() {
        return new MonitorStore(Map.of("bootstrap.servers", KafkaBrokerResource.broker().bootstrapServers()), Map.of(),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void aReplicaReadsTicksAnotherAcknowledgedOnceItIsCaughtUpToNow() throws InterruptedException {
        String name = "store-" + UUID.randomUUID().toString().substring(0, 8);
        Instant tick = Instant.parse("2031-01-01T00:05:00Z");
        try (MonitorStore writer = store(); MonitorStore owner = store()) {
            assertThat(owner.ticksCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(owner.lastTick(name)).isNull();

            writer.record(name, tick);

            assertThat(owner.ticksCaughtUp(Duration.ofSeconds(60))).isTrue();
            assertThat(owner.lastTick(name)).isEqualTo(tick);
        }
    }

    @Test
    void aWriteIsReadBackBeforeItReturnsAndADeleteRemovesMonitorAndTick() {
        String name = "store-" + UUID.randomUUID().toString().substring(0, 8);
        try (MonitorStore store = store()) {
            Monitor monitor = new Monitor(name, Schedule.every("5m"), List.of("https://example.com/"), null, null, null, null);

            store.put(monitor);
            store.record(name, Instant.parse("2031-01-01T00:05:00Z"));

            assertThat(store.get(name)).contains(monitor);
            assertThat(store.partitionOf(name)).isPresent();

            store.delete(name);

            assertThat(store.get(name)).isEmpty();
            assertThat(store.all()).doesNotContainKey(name);
        }
    }
}
