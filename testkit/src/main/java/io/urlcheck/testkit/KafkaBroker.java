package io.urlcheck.testkit;

import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.WritablePartitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real single-node KRaft Kafka broker in this JVM (Apache Kafka's own {@link KafkaClusterTestKit}),
 * with the urlcheck topics created, plus the few client helpers tests need to feed and read topics.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Partitions of {@link Topics#REQUESTS} in tests: more than one, so host keying matters. */
    public static final int REQUEST_PARTITIONS = 4;

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());

    /** The broker this handle runs, or null for a handle onto a broker started elsewhere. */
    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * A client-side handle onto a broker already running at {@code bootstrapServers} (started by another
     * class loader of this JVM); its helpers work as usual, and closing it leaves the broker running.
     */
    public static KafkaBroker connect(String bootstrapServers) {
        return new KafkaBroker(null, bootstrapServers);
    }

    /** Formats and starts a fresh broker and creates every urlcheck topic. */
    public static KafkaBroker start() {
        neverHaltTheJvm();
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            KafkaBroker broker = new KafkaBroker(cluster, cluster.bootstrapServers());
            broker.createTopic(Topics.INTAKE, 2);
            broker.createTopic(Topics.REQUESTS, REQUEST_PARTITIONS);
            broker.createTopic(Topics.RESULTS, 2);
            broker.createTopic(Topics.DEAD_LETTER, 1);
            broker.createTopic(Topics.JOBS, 1);
            broker.createTopic(Topics.MONITORS, 3, Topics.MONITORS_MAX_MESSAGE_BYTES);
            broker.createTopic(Topics.MONITOR_TICKS, 3);
            broker.createTopic(Topics.EVENTS, 2);
            broker.createTopic(Topics.EVENTS_UNDELIVERED, 1);
            LOG.info(() -> "testkit: started an in-JVM Kafka broker at " + broker.bootstrapServers());
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test Kafka broker", e);
        }
    }

    /** True when this handle runs the broker; false for a {@linkplain #connect connected} one. */
    public boolean runsBroker() {
        return cluster != null;
    }

    /** The {@code host:port} list clients connect to. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates a topic if it does not exist yet. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, 0);
    }

    /**
     * Creates a topic if it does not exist yet, compacted when {@link Topics#COMPACTED} names it, taking records
     * up to {@code maxMessageBytes} (0 = the broker's default).
     * Returns once every partition accepts writes ({@link WritablePartitions}).
     */
    public void createTopic(String name, int partitions, int maxMessageBytes) {
        Map<String, String> configs = new HashMap<>();
        if (Topics.COMPACTED.contains(name)) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (maxMessageBytes > 0) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name, e.getCause());
                }
            }
            WritablePartitions.await(admin, Map.of(name, partitions), Duration.ofSeconds(60));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("topic " + name + " does not accept writes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending to " + topic, e);
        }
    }

    /**
     * Reads {@code topic} from the beginning, with a consumer group of its own, until at least
     * {@code count} records arrived or {@code timeout} passed; returns what it read either way.
     */
    public List<ConsumerRecord<String, byte[]>> read(String topic, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * A broker that loses its log directory halts its process. In a test JVM that process is the test
     * run itself: at exit, Kafka's temp-directory cleanup can race the broker's shutdown and halt the
     * JVM after every test passed. Here a halt or exit is logged instead.
     */
    private static void neverHaltTheJvm() {
        Exit.setHaltProcedure((code, message) -> LOG.log(Level.WARNING, "in-JVM broker asked to halt ({0}): {1}",
                new Object[] {code, message}));
        Exit.setExitProcedure((code, message) -> LOG.log(Level.WARNING, "in-JVM broker asked to exit ({0}): {1}",
                new Object[] {code, message}));
    }

    @Override
    public void close() {
        if (cluster == null || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test Kafka broker", e);
        }
    }
}
