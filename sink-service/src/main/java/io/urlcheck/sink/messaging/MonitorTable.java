package io.urlcheck.sink.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CompactedTable;
import io.urlcheck.contract.kafka.MonitorDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The monitors as {@code urlcheck.monitors} holds them (name to {@link Monitor}; a deleted one is gone), read by a
 * {@link CompactedTable} with the service's Kafka settings, security included. The topic is deploy/'s (or the
 * launcher's) to create, compacted, before the services start.
 */
@ApplicationScoped
public class MonitorTable {

    private final CompactedTable<Monitor> table;

    public MonitorTable(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "urlcheck-sink-monitors");
        this.table = new CompactedTable<>(Topics.MONITORS, settings, new MonitorDeserializer());
    }

    void start(@Observes StartupEvent event) {
        table.start();
    }

    void stop(@Observes ShutdownEvent event) {
        table.close();
    }

    /** The monitor named {@code name}, empty when there is none (or it was deleted). */
    public Optional<Monitor> get(String name) {
        return table.get(name);
    }

    /** Every monitor, by name. */
    public Map<String, Monitor> all() {
        return table.snapshot();
    }

    /** Whether the table has read what the topic held when the sink started. */
    public boolean isCaughtUp() {
        return table.isCaughtUp();
    }
}
