package io.urlcheck.containertests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Volume;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.Startup;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The production path on one machine: Kafka, PostgreSQL and the three services from their images, each
 * a container on Podman with the host's network (as deploy/overlays/local runs them), non-root, on a
 * read-only root filesystem, with the memory limit of its Deployment. Each service gets exactly what its
 * Deployment gives it: the ConfigMap's keys from {@code deploy/base/config/<service>.properties} as
 * environment variables named like the properties, and the token and the store as env, as the dev
 * overlay's patches set them, and Kafka's security as the production overlay passes it: clients reach
 * the broker only on a SASL listener (SASL/PLAIN without TLS here; {@code HostileSecurityIT} covers TLS),
 * so a service whose {@code kafka.*} settings did not arrive could not work. Only the addresses differ:
 * free loopback ports, so it runs beside anything.
 */
final class ContainerStack implements AutoCloseable {

    static final String TOKEN = "container-suite-token";
    static final String KAFKA_USER = "urlcheck";
    static final String KAFKA_PASSWORD = "container-suite-kafka-secret";
    static final String DB_PASSWORD = "urlcheck-suite";
    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final long MIB = 1024L * 1024L;

    final int kafkaPort = Ports.free();
    final int controllerPort = Ports.free();
    final int internalPort = Ports.free();
    final int postgresPort = Ports.free();
    final int producerPort = Ports.free();
    final int workerPort = Ports.free();
    final int sinkPort = Ports.free();

    private final List<GenericContainer<?>> started = new ArrayList<>();
    private GenericContainer<?> worker;
    private GenericContainer<?> sink;
    private GenericContainer<?> producer;

    /** Starts Kafka and PostgreSQL, creates the topics, then starts the producer, a worker and the sink. */
    static ContainerStack start() {
        return Startup.startOrClose(new ContainerStack(), ContainerStack::startAll);
    }

    private void startAll() {
        GenericContainer<?> kafka = kafka();
        GenericContainer<?> postgres = postgres();
        kafka.start();
        started.add(kafka);
        postgres.start();
        started.add(postgres);
        createTopics();
        producer = service("producer", Images.PRODUCER, producerPort, 1024, Map.of("urlcheck.api.token", TOKEN));
        worker = service("worker", Images.WORKER, workerPort, 768, Map.of("urlcheck.worker.allow-cidrs", "127.0.0.0/8"));
        Map<String, String> sinkEnv = new LinkedHashMap<>();
        sinkEnv.put("urlcheck.api.token", TOKEN);
        sinkEnv.put("urlcheck.sink.store", "postgres");
        sinkEnv.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/urlcheck");
        sinkEnv.put("quarkus.datasource.username", "urlcheck");
        sinkEnv.put("quarkus.datasource.password", DB_PASSWORD);
        sink = service("sink", Images.SINK, sinkPort, 768, sinkEnv);
        for (GenericContainer<?> service : List.of(producer, worker, sink)) {
            service.start();
            started.add(service);
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The SASL client settings a Kafka client of this broker needs, as {@code kafka.*} property suffixes. */
    static Map<String, String> kafkaClientSecurity() {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + KAFKA_USER + "\" password=\"" + KAFKA_PASSWORD + "\";");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/urlcheck";
    }

    String producerUrl() {
        return "http://127.0.0.1:" + producerPort;
    }

    String sinkUrl() {
        return "http://127.0.0.1:" + sinkPort;
    }

    String workerUrl() {
        return "http://127.0.0.1:" + workerPort;
    }

    GenericContainer<?> worker() {
        return worker;
    }

    GenericContainer<?> sink() {
        return sink;
    }

    GenericContainer<?> producer() {
        return producer;
    }

    /** SIGKILL: the container's process dies at once, as on an OOM kill or a lost node. */
    void kill(GenericContainer<?> container) {
        docker().killContainerCmd(container.getContainerId()).exec();
    }

    /** SIGTERM, then SIGKILL after the grace: what the kubelet does to a pod it stops. */
    void stop(GenericContainer<?> container, Duration grace) {
        docker().stopContainerCmd(container.getContainerId()).withTimeout((int) grace.toSeconds()).exec();
    }

    /** Starts the same container again, as the kubelet restarts a pod's container in place. */
    void restart(GenericContainer<?> container) {
        docker().startContainerCmd(container.getContainerId()).exec();
    }

    /** Whether the container's process is running. */
    boolean running(GenericContainer<?> container) {
        return Boolean.TRUE.equals(docker().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning());
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop();
            } catch (RuntimeException e) {
                System.err.println("container suite: could not remove a container: " + e.getMessage());
            }
        }
        started.clear();
    }

    private static DockerClient docker() {
        return org.testcontainers.DockerClientFactory.instance().client();
    }

    private GenericContainer<?> kafka() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CLUSTER_ID", "urlcheck-container-suite1");
        env.put("KAFKA_NODE_ID", "1");
        env.put("KAFKA_PROCESS_ROLES", "broker,controller");
        // Clients on SASL only; INTERNAL (the broker's own and the topic creation's) on another port.
        env.put("KAFKA_LISTENERS", "SASL://127.0.0.1:" + kafkaPort + ",INTERNAL://127.0.0.1:" + internalPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        env.put("KAFKA_ADVERTISED_LISTENERS", "SASL://127.0.0.1:" + kafkaPort + ",INTERNAL://127.0.0.1:" + internalPort);
        env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SASL:SASL_PLAINTEXT");
        env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:" + controllerPort);
        env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL");
        env.put("KAFKA_SASL_ENABLED_MECHANISMS", "PLAIN");
        env.put("KAFKA_LISTENER_NAME_SASL_SASL_ENABLED_MECHANISMS", "PLAIN");
        env.put("KAFKA_LISTENER_NAME_SASL_PLAIN_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + KAFKA_USER + "=\"" + KAFKA_PASSWORD + "\";");
        env.put("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        env.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        env.put("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "8");
        env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1");
        env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        env.put("KAFKA_HEAP_OPTS", "-Xmx512m");
        return container(Images.KAFKA, 1024, List.of("/var/lib/kafka/data"))
                .withEnv(env)
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(STARTUP));
    }

    private GenericContainer<?> postgres() {
        return container(Images.POSTGRES, 512, List.of("/var/lib/postgresql/data"))
                .withEnv(Map.of("POSTGRES_USER", "urlcheck", "POSTGRES_PASSWORD", DB_PASSWORD,
                        "POSTGRES_DB", "urlcheck", "PGPORT", String.valueOf(postgresPort), "POSTGRES_LISTEN", "127.0.0.1"))
                // The first start runs a socket-only server to create the database, then the real one.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2)
                        .withStartupTimeout(STARTUP));
    }

    /** The topics, as deploy/overlays/local creates them: the Kafka image's own {@code topics} command. */
    private void createTopics() {
        try (GenericContainer<?> topics = container(Images.KAFKA, 256, List.of())
                .withEnv("KAFKA_HEAP_OPTS", "-Xmx128m -XX:-UsePerfData")
                .withCommand("topics", "127.0.0.1:" + internalPort, "urlcheck.intake:3", "urlcheck.requests:6", "urlcheck.results:3",
                        "urlcheck.dead-letter:1", "urlcheck.jobs:1:compact", "urlcheck.monitors:1:compact:16777216",
                        "urlcheck.monitor-ticks:1:compact", "urlcheck.events:3", "urlcheck.events.undelivered:1")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
            topics.start();
        }
    }

    private GenericContainer<?> service(String name, DockerImageName image, int port, int memoryMib,
                                        Map<String, String> deploymentEnv) {
        Map<String, String> env = new LinkedHashMap<>(configMap(name));
        env.put("kafka.bootstrap.servers", bootstrap());
        kafkaClientSecurity().forEach((key, value) -> env.put("kafka." + key, value));
        env.put("quarkus.http.port", String.valueOf(port));
        env.putAll(deploymentEnv);
        return container(image, memoryMib, List.of())
                .withEnv(env)
                .waitingFor(Wait.forLogMessage(".*Listening on: http://.*", 1).withStartupTimeout(STARTUP));
    }

    /**
     * A container on the host's network with a read-only root filesystem, a writable /tmp, anonymous
     * volumes at {@code volumes} (an emptyDir each), and a memory limit.
     */
    @SuppressWarnings("resource")
    private static GenericContainer<?> container(DockerImageName image, int memoryMib, List<String> volumes) {
        Consumer<CreateContainerCmd> hardened = cmd -> {
            cmd.withVolumes(volumes.stream().map(Volume::new).toList());
            cmd.getHostConfig()
                    .withReadonlyRootfs(true)
                    .withTmpFs(Map.of("/tmp", "rw,size=256m"))
                    .withMemory(memoryMib * MIB)
                    .withMemorySwap(memoryMib * MIB);
        };
        return new GenericContainer<>(image)
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(hardened);
    }

    /** The ConfigMap deploy/base gives {@code service}: its properties file, key for key. */
    private static Map<String, String> configMap(String service) {
        Path file = Path.of(System.getProperty("urlcheck.home", "..")).resolve("deploy/base/config/" + service + ".properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> env.put(key, properties.getProperty(key)));
        return env;
    }
}
