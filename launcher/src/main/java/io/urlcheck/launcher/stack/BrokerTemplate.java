package io.urlcheck.launcher.stack;

import io.urlcheck.contract.kafka.WritablePartitions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The log directories a local broker starts from, made once per machine in {@code <home>/.urlcheck/cache/} and
 * copied for each broker ({@link KafkaProcess#fromTemplate}):
 * <ul>
 *   <li>{@link #formatted()}: a directory formatted with Kafka's own {@link Formatter} (what {@code kafka-storage.sh
 *   format} runs), with a cluster id of its own. Formatting cost about two seconds of a small machine's start-up in
 *   a JVM of its own, and one second still in the launcher's, all of it before the broker could launch.</li>
 *   <li>{@link #withStackTopics(Path)}: that directory after a broker has created the {@link StackTopics} and the
 *   offsets topic in it and shut down cleanly. A stack's broker started from it serves every topic as it comes up:
 *   creating them took 0.33-0.48 s of every {@code ./urlcheck run} after the broker was ready, and the first
 *   consumer group's join created the offsets topic on top (bench/README.md, section Cold).</li>
 * </ul>
 * Each is made in a temporary directory and moved into place whole, so a launcher that dies halfway, or two that
 * make one at the same moment, never leave a half-made template behind.
 */
public final class BrokerTemplate {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Kafka's marker of a log directory whose broker shut down cleanly: its logs need no recovery at start. */
    private static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final Duration BAKE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BAKE_STOP_GRACE = Duration.ofSeconds(30);

    private BrokerTemplate() {
    }

    /** The formatted, empty log directory; formats it on first use. */
    static Path formatted() throws IOException {
        Path template = cache().resolve("kafka-format-" + AppInfoParser.getVersion() + "-node" + NODE_ID);
        if (Files.isRegularFile(template.resolve("meta.properties"))) {
            return template;
        }
        Path fresh = Files.createTempDirectory(cache(), "kafka-format-");
        try {
            format(fresh);
            moveIntoPlace(fresh, template);
        } finally {
            deleteTree(fresh);
        }
        return template;
    }

    private static void format(Path dir) throws IOException {
        try {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID).setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString()).addDirectory(dir.toString())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IOException("formatting failed: " + e.getMessage(), e);
        }
    }

    /** True when {@link #withStackTopics} would return at once, without starting a broker to make the template. */
    public static boolean hasStackTopics() {
        return Files.isRegularFile(stackTopicsDir().resolve("meta.properties"));
    }

    /**
     * The log directory of a cleanly stopped broker that holds every {@link StackTopics} topic, empty, and the
     * offsets topic; on first use (per Kafka version and topic layout) a broker is started on two free loopback
     * ports to make it, logging to {@code logDir/kafka-template.log}.
     */
    public static Path withStackTopics(Path logDir) throws IOException {
        Path template = stackTopicsDir();
        if (hasStackTopics()) {
            return template;
        }
        Path work = Files.createTempDirectory(cache(), "kafka-topics-");
        try {
            Path data = bake(work, logDir);
            moveIntoPlace(data, template);
        } finally {
            deleteTree(work);
        }
        return template;
    }

    private static Path bake(Path work, Path logDir) throws IOException {
        KafkaProcess broker = new KafkaProcess(work, logDir, Ports.free(), Ports.free(), "kafka-template");
        try {
            broker.launch();
            try (Admin admin = broker.admin()) {
                broker.awaitReady(admin, BAKE_TIMEOUT);
                StackTopics.create(admin, BAKE_TIMEOUT);
                createOffsetsTopic(admin);
            }
        } catch (StackException e) {
            throw new IOException("the template broker failed: " + e.getMessage(), e);
        } finally {
            broker.stop(BAKE_STOP_GRACE);
        }
        Path data = broker.dataDir();
        if (!Files.exists(data.resolve(CLEAN_SHUTDOWN_FILE))) {
            throw new IOException("the template broker did not shut down cleanly (exit code " + broker.process().exitCode()
                    + "); see " + broker.process().logFile());
        }
        Files.deleteIfExists(data.resolve(".lock"));
        return data;
    }

    /**
     * Asks for a consumer group's coordinator, which makes the broker create its offsets topic, and waits until
     * that topic accepts writes: what every stack's first consumer group would otherwise wait for.
     */
    private static void createOffsetsTopic(Admin admin) throws IOException {
        try {
            admin.listConsumerGroupOffsets("urlcheck-template").partitionsToOffsetAndMetadata()
                    .get(BAKE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            WritablePartitions.await(admin, Map.of(OFFSETS_TOPIC, 1), BAKE_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the template broker made no offsets topic: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making the offsets topic", e);
        }
    }

    private static Path stackTopicsDir() {
        return cache().resolve("kafka-topics-" + AppInfoParser.getVersion() + "-node" + NODE_ID + "-" + StackTopics.fingerprint());
    }

    private static Path cache() {
        Path cache = Path.of(System.getProperty("urlcheck.home", ".")).toAbsolutePath().resolve(".urlcheck").resolve("cache");
        try {
            return Files.createDirectories(cache);
        } catch (IOException e) {
            throw new StackException("cannot create " + cache + ": " + e.getMessage(), e);
        }
    }

    private static void moveIntoPlace(Path made, Path template) throws IOException {
        try {
            Files.move(made, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another launcher made it at the same moment: theirs is as good
        }
    }

    /** Deletes {@code dir} and everything in it, if it is there. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
