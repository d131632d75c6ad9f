package io.urlcheck.bench;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CheckRequestSerializer;
import io.urlcheck.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's Kafka: a real KRaft broker in this JVM (the testkit's {@link KafkaBroker}), plus what
 * the scenarios need around it: a clean {@code urlcheck.requests}/{@code urlcheck.results} per run with the
 * partition count the scenario asks for, a fast bulk filler, and a look at the worker group.
 */
public final class BenchKafka implements AutoCloseable {

    /** The worker's consumer group, as the brief fixes it. */
    public static final String WORKER_GROUP = "urlcheck-worker";
    /** The sink's consumer group, as the brief fixes it. */
    public static final String SINK_GROUP = "urlcheck-sink";
    /** Partitions of {@code urlcheck.results} in the benchmark. */
    public static final int RESULT_PARTITIONS = 4;

    private final KafkaBroker broker;
    private final Admin admin;

    private BenchKafka(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** Starts a fresh broker. */
    public static BenchKafka start() {
        return new BenchKafka(KafkaBroker.start());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Forgets the previous run: deletes the worker and sink groups and the pipeline topics, then creates
     * them again, {@code urlcheck.requests} with {@code requestPartitions} partitions. Call with no
     * service running.
     */
    public void reset(int requestPartitions) {
        recreate(requestPartitions, List.of(Topics.INTAKE, Topics.REQUESTS, Topics.RESULTS, Topics.JOBS, Topics.DEAD_LETTER));
    }

    /**
     * Lets the next worker read the same {@code urlcheck.requests} again from the start: deletes the
     * groups and recreates {@code urlcheck.results} only. Call with no service running.
     */
    public void rewind() {
        recreate(0, List.of(Topics.RESULTS));
    }

    private void recreate(int requestPartitions, List<String> topics) {
        try {
            for (String group : List.of(WORKER_GROUP, SINK_GROUP)) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        throw new IllegalStateException("could not delete group " + group, e.getCause());
                    }
                }
            }
            try {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("could not delete topics", e.getCause());
                }
            }
            Map<String, NewTopic> all = Map.of(
                    Topics.REQUESTS, new NewTopic(Topics.REQUESTS, Math.max(requestPartitions, 1), (short) 1),
                    Topics.RESULTS, new NewTopic(Topics.RESULTS, RESULT_PARTITIONS, (short) 1),
                    Topics.INTAKE, new NewTopic(Topics.INTAKE, 2, (short) 1),
                    Topics.DEAD_LETTER, new NewTopic(Topics.DEAD_LETTER, 1, (short) 1),
                    Topics.JOBS, new NewTopic(Topics.JOBS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
            create(topics.stream().map(all::get).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted resetting Kafka", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka admin timed out", e);
        }
    }

    /** Topic deletion is asynchronous in KRaft: retry creation until the old topic is gone. */
    private void create(List<NewTopic> topics) throws InterruptedException, java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (NewTopic topic : topics) {
            while (true) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not create " + topic.name(), e.getCause());
                    }
                    TimeUnit.MILLISECONDS.sleep(200); // polling the broker's asynchronous delete, not synchronizing threads
                }
            }
        }
    }

    /** Writes every request to {@code urlcheck.requests}, keyed by host, and waits for all acknowledgements. */
    public void fill(Iterator<CheckRequest> requests) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, CheckRequest> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CheckRequestSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024)))) {
            while (requests.hasNext() && failure.get() == null) {
                CheckRequest request = requests.next();
                producer.send(new ProducerRecord<>(Topics.REQUESTS, request.host(), request), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("could not fill " + Topics.REQUESTS, failure.get());
        }
    }

    /** True once the worker group is stable with {@code members} members and every request partition assigned. */
    public boolean workerGroupStable(int members, int partitions) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(WORKER_GROUP))
                    .describedGroups().get(WORKER_GROUP).get(10, TimeUnit.SECONDS);
            long assigned = group.members().stream()
                    .mapToLong(m -> m.assignment().topicPartitions().size()).sum();
            return group.members().size() == members && assigned == partitions
                    && Set.of("STABLE").contains(group.groupState().name());
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until {@link #workerGroupStable} holds, or fails after {@code timeout}. */
    public void awaitWorkerGroup(int members, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!workerGroupStable(members, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("worker group never had " + members + " members owning "
                        + partitions + " partitions");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250); // polling the broker's view of the group
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        broker.close();
    }
}
