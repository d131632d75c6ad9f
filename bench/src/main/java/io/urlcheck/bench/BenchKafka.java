package io.urlcheck.bench;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.Topics;
import io.urlcheck.contract.kafka.CheckRequestSerializer;
import io.urlcheck.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's Kafka: a real KRaft broker in this JVM (the testkit's {@link KafkaBroker}), plus what
 * the scenarios need around it: a clean {@code urlcheck.requests}/{@code urlcheck.results} per run with the
 * partition count the scenario asks for, a fast bulk filler, and a look at the worker group.
 */
public final class BenchKafka implements AutoCloseable {

    /** The worker's consumer group, as worker-service's application.properties fixes it. */
    public static final String WORKER_GROUP = "urlcheck-worker";
    /**
     * The consumer groups a run leaves behind, as the services' application.properties fix them: the worker's, the
     * sink's for {@code urlcheck.results} and the sink's for {@code urlcheck.jobs}.
     */
    static final List<String> SERVICE_GROUPS = List.of(WORKER_GROUP, "urlcheck-sink", "urlcheck-sink-jobs");
    /** Partitions of {@code urlcheck.results} in the benchmark. */
    public static final int RESULT_PARTITIONS = 4;

    private final KafkaBroker broker;
    private final Admin admin;

    private BenchKafka(KafkaBroker broker) {
        this.broker = broker;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** Starts a fresh broker (the testkit creates every topic; {@code urlcheck.requests} with 4 partitions, grown per scenario). */
    public static BenchKafka start() {
        return new BenchKafka(KafkaBroker.start());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Forgets the previous run: deletes the worker and sink groups and empties {@code urlcheck.requests}
     * and {@code urlcheck.results} (records deleted up to their end; the topics stay), first growing
     * {@code urlcheck.requests} to {@code requestPartitions} partitions. Topics are never deleted and
     * recreated: on a loaded machine a recreated partition can stay leaderless for minutes, and a
     * producer then expires its batches. Call with no service running.
     */
    public void reset(int requestPartitions) {
        adminSteps("resetting", () -> {
            deleteGroups();
            grow(Topics.REQUESTS, requestPartitions);
            grow(Topics.RESULTS, RESULT_PARTITIONS);
            empty(Topics.REQUESTS);
            empty(Topics.RESULTS);
        });
    }

    /**
     * Lets the next worker read the same {@code urlcheck.requests} again from the start: deletes the
     * groups (the worker's {@code auto.offset.reset=earliest} then applies) and empties {@code urlcheck.results}.
     */
    public void rewind() {
        adminSteps("rewinding", () -> {
            deleteGroups();
            empty(Topics.RESULTS);
        });
    }

    /** Admin calls that wait on the broker. */
    private interface AdminSteps {
        void run() throws ExecutionException, InterruptedException, TimeoutException;
    }

    /** Runs {@code steps}, failing with what was being done ({@code doing}, e.g. "resetting") when they fail. */
    private static void adminSteps(String doing, AdminSteps steps) {
        try {
            steps.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted " + doing + " Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("failed " + doing + " Kafka", e);
        }
    }

    private void deleteGroups() throws InterruptedException, TimeoutException {
        for (String group : SERVICE_GROUPS) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw new IllegalStateException("could not delete group " + group, e.getCause());
                }
            }
        }
    }

    private void grow(String topic, int partitions) throws ExecutionException, InterruptedException,
            TimeoutException {
        int now = partitionCount(topic);
        if (now < partitions) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all().get(60, TimeUnit.SECONDS);
        } else if (now > partitions) {
            throw new IllegalStateException(topic + " has " + now + " partitions, more than the " + partitions
                    + " asked for; partitions cannot shrink, so use a fresh broker (one per bench invocation)");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!allLed(topic, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " partitions still without a leader");
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling the broker's asynchronous partition creation
        }
    }

    private int partitionCount(String topic) throws ExecutionException, InterruptedException,
            TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    private boolean allLed(String topic, int partitions) throws ExecutionException, InterruptedException,
            TimeoutException {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic);
        return d.partitions().size() >= partitions && d.partitions().stream().allMatch(p -> p.leader() != null);
    }

    /** Deletes every record of {@code topic} (its log start moves to its end). */
    private void empty(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic);
        d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS)
                .forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
        admin.deleteRecords(delete).all().get(60, TimeUnit.SECONDS);
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
        } catch (ExecutionException | TimeoutException e) {
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
