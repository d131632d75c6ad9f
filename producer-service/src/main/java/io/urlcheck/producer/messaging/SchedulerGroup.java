package io.urlcheck.producer.messaging;

import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.Topics;
import io.urlcheck.producer.monitor.MonitorScheduler;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduler's membership of the consumer group {@value #GROUP} on {@link Topics#MONITORS}: the group
 * gives each replica some of the topic's partitions, and a replica fires only the monitors of those
 * ({@link MonitorScheduler}). One thread polls (the partitions stay paused: the records themselves come from
 * the {@link MonitorStore}'s table) and fires due ticks between polls, so a partition is never revoked while
 * its ticks are being fired. After every assignment, before firing anything, the thread reads the ticks topic
 * up to its end ({@link MonitorStore#ticksCaughtUp}): every tick the previous owner recorded was acknowledged
 * before it let go of the partition (or died), so the new owner sees it and fires no tick twice.
 */
public final class SchedulerGroup implements AutoCloseable {

    /** The consumer group whose members share the monitors. */
    public static final String GROUP = "urlcheck-monitor-scheduler";

    private static final Logger LOG = Logger.getLogger(SchedulerGroup.class);

    /** How the group is joined ({@code group} is {@value #GROUP} but in tests) and how often it looks for due ticks. */
    public record Settings(String group, Duration sessionTimeout, Duration checkInterval, Duration catchUpTimeout, String clientId) {
    }

    private final MonitorStore store;
    private final MonitorScheduler scheduler;
    private final Clock clock;
    private final Settings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private boolean catchUpNeeded;
    private Thread thread;

    public SchedulerGroup(Map<String, Object> kafka, MonitorStore store, MonitorScheduler scheduler, Clock clock, Settings settings) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(consumerConfig(kafka, settings));
    }

    /** The group consumer's properties: the client-wide {@code kafka.*} ones (security included), then the group's own. */
    static Map<String, Object> consumerConfig(Map<String, Object> kafka, Settings settings) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long session = settings.sessionTimeout().toMillis();
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.min(3000, session / 3));
        return config;
    }

    /** Joins the group and starts firing; returns at once. */
    public synchronized SchedulerGroup start() {
        if (thread == null) {
            thread = DaemonThreads.start("urlcheck-monitor-scheduler", this::run);
        }
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.MONITORS), new Ownership());
            while (!closed) {
                try {
                    round();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Nothing was fired past the failure; the next round starts over after a pause.
                    LOG.errorf(e, "monitor scheduler round failed, retrying in %s: %s", settings.checkInterval(), e.getMessage());
                    LockSupport.parkNanos(settings.checkInterval().toNanos());
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Polls (keeping the membership and learning of rebalances), then, once caught up with the ticks, fires. */
    private void round() throws InterruptedException {
        consumer.poll(settings.checkInterval());
        if (catchUpNeeded) {
            catchUpNeeded = !store.ticksCaughtUp(settings.catchUpTimeout());
            if (catchUpNeeded) {
                LOG.warnf("could not read the monitor ticks up to their end within %s; firing nothing until it can",
                        settings.catchUpTimeout());
                return;
            }
        }
        fire();
    }

    private void fire() {
        if (owned.isEmpty()) {
            return;
        }
        List<Monitor> mine = store.all().values().stream()
                .filter(monitor -> store.partitionOf(monitor.name()).stream().anyMatch(owned::contains))
                .toList();
        scheduler.fireDue(mine, clock.instant());
    }

    /** The partitions of {@link Topics#MONITORS} this replica owns now. */
    public Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** Stops firing and leaves the group, so the other replicas take the monitors over at once. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null) {
            consumer.close(Duration.ofSeconds(10));
        } else {
            try {
                running.join(Duration.ofSeconds(20).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Keeps {@link #owned} in step with the group; runs on the polling thread, between firings. */
    private final class Ownership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            partitions.forEach(partition -> owned.add(partition.partition()));
            catchUpNeeded = true;
            LOG.infof("monitor scheduler owns partitions %s of %s", owned, Topics.MONITORS);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(partition -> owned.remove(partition.partition()));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
