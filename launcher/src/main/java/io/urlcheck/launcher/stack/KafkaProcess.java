package io.urlcheck.launcher.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft Kafka (broker and controller in one) as a child JVM: {@code kafka.Kafka}
 * from this JVM's own class path. The log directory is formatted once, from a template formatted with
 * Kafka's own {@link Formatter} ({@link #formattedTemplate}); {@link #stop}, {@link #kill} and {@link #start} again reuse it, so a restart keeps every
 * topic and offset, as a real broker restart does.
 */
public final class KafkaProcess extends StackProcess {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dir;
    private final int controllerPort;
    private boolean formatted;
    private int listenerPort;
    private BrokerListener listener;

    /** A broker living in {@code dir} (config and data), logging to {@code logDir/kafka.log}, on loopback {@code port}. */
    public KafkaProcess(Path dir, Path logDir, int port, int controllerPort) {
        this(dir, logDir, port, controllerPort, List.of());
    }

    /**
     * A broker whose JVM also gets {@code jvmOptions} (a Java agent, say), without a class-data archive: the
     * broker's archive is made for its plain command line, which these options may change.
     */
    public KafkaProcess(Path dir, Path logDir, int port, int controllerPort, List<String> jvmOptions) {
        super(port, new ChildProcess("kafka", command(jvmOptions, "kafka.Kafka", config(dir.toAbsolutePath()).toString()),
                Map.of(), logDir.toAbsolutePath().resolve("kafka.log"),
                jvmOptions.isEmpty() ? ClassDataSharing.of(ARCHIVE_KIND, CLASS_PATH) : null));
        this.dir = dir.toAbsolutePath();
        this.controllerPort = controllerPort;
    }

    /**
     * Adds {@code listener} on loopback {@code port}, beside the PLAINTEXT one. Call before the first
     * {@link #launch}; its properties go to the broker's private config file in its directory, never to a log.
     */
    public KafkaProcess listener(int port, BrokerListener listener) {
        if (formatted) {
            throw new IllegalStateException("the broker is already configured; add the listener before launching it");
        }
        this.listenerPort = port;
        this.listener = listener;
        return this;
    }

    /** Formats the log directory on first use, starts the broker and waits until it answers. */
    public KafkaProcess start(Duration timeout) {
        launch();
        awaitReady(timeout);
        return this;
    }

    /** Formats the log directory on first use and starts the broker without waiting; pair with {@link #awaitReady}. */
    public KafkaProcess launch() {
        if (!formatted) {
            format();
        }
        process().start();
        return this;
    }

    private void format() {
        try {
            Files.createDirectories(dir);
            writePrivately(config(dir), serverProperties());
        } catch (IOException e) {
            throw new StackException("cannot write the Kafka config in " + dir + ": " + e.getMessage(), e);
        }
        Path data = dir.resolve("data");
        try {
            Path template = formattedTemplate();
            Files.createDirectories(data);
            try (var files = Files.list(template)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, data.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot prepare the Kafka log directory " + data + ": " + e.getMessage(), e);
        }
        formatted = true;
    }

    /**
     * Writes {@code text} to a file only its owner may read or write (0600 where the file system has POSIX
     * permissions), created so before the first byte: the broker's config may hold a listener's passwords.
     */
    static void writePrivately(Path file, String text) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.setPosixFilePermissions(file, ownerOnly); // createFile's mode is filtered by the umask
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its ACLs decide
        }
        Files.writeString(file, text);
    }

    /**
     * A log directory formatted once per Kafka version, in {@code <home>/.urlcheck/cache/}, with Kafka's own
     * {@link Formatter} (what {@code kafka-storage.sh format} runs) and a cluster id of its own; each broker gets a
     * copy of its two files. Formatting cost about two seconds of a small machine's start-up in a JVM of its own,
     * and one second still in the launcher's, all of it before the broker could launch.
     */
    static Path formattedTemplate() throws IOException {
        Path cache = Path.of(System.getProperty("urlcheck.home", ".")).toAbsolutePath().resolve(".urlcheck").resolve("cache");
        Path template = cache.resolve("kafka-format-" + AppInfoParser.getVersion() + "-node" + NODE_ID);
        if (Files.isRegularFile(template.resolve("meta.properties"))) {
            return template;
        }
        Files.createDirectories(cache);
        Path fresh = Files.createTempDirectory(cache, "kafka-format-");
        try {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID).setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(fresh.toString()).addDirectory(fresh.toString())
                    .setIgnoreFormatted(true)
                    .run();
            Files.move(fresh, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            // Another launcher moved its template in first: theirs is as good. Linux refuses the move onto their
            // directory with a plain FileSystemException ("Directory not empty"), so the template itself decides.
            if (!Files.isRegularFile(template.resolve("meta.properties"))) {
                throw new IOException("formatting failed: " + e.getMessage(), e);
            }
        } finally {
            if (Files.isDirectory(fresh)) {
                try (var files = Files.walk(fresh)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        return template;
    }

    /**
     * Waits until the broker answers a metadata request; fails fast, with the log's tail, if it exits. Until its
     * port accepts a connection it is probed every 25 ms with a plain TCP connect: an admin client's own retries
     * back off to a second or more, which once made this wait outlast the broker's start by 1.7 s.
     */
    public void awaitReady(Duration timeout) {
        try (Admin admin = admin()) {
            awaitReady(admin, timeout);
        }
    }

    /**
     * {@link #awaitReady(Duration)} with an admin client of the caller's ({@link #admin()}), made before the broker
     * launched so that loading its classes overlaps the broker's start, and kept for creating the topics.
     */
    public void awaitReady(Admin admin, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (!accepts(port())) {
                failIfGone(deadline, timeout);
                Thread.sleep(25); // probe interval of a starting broker's port
            }
            while (true) {
                failIfGone(deadline, timeout);
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    // not serving metadata yet: ask again until the deadline
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted waiting for Kafka", e);
        }
    }

    /** An admin client of this broker's PLAINTEXT listener that asks again quickly while the broker starts. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 20,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 20,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100));
    }

    private void failIfGone(Instant deadline, Duration timeout) {
        ChildProcess process = process();
        if (!process.isAlive()) {
            throw new StackException("Kafka exited with code " + process.exitCode() + " while starting; see "
                    + process.logFile() + System.lineSeparator() + process.logTail(15));
        }
        if (Instant.now().isAfter(deadline)) {
            throw new StackException("Kafka was not ready within " + timeout.toSeconds() + " s; see " + process.logFile());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code host:port} clients bootstrap from. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    /** The {@code host:port} of the second listener; see {@link #listener(int, BrokerListener)}. */
    public String listenerBootstrapServers() {
        if (listener == null) {
            throw new IllegalStateException("this broker has no second listener");
        }
        return "127.0.0.1:" + listenerPort;
    }

    /** The controller (KRaft quorum) port. */
    public int controllerPort() {
        return controllerPort;
    }

    private static Path config(Path dir) {
        return dir.resolve("server.properties");
    }

    private String serverProperties() {
        String nl = System.lineSeparator();
        String extraListener = listener != null ? "," + listener.name() + "://127.0.0.1:" + listenerPort : "";
        StringBuilder extraLines = new StringBuilder();
        if (listener != null) {
            listener.brokerProperties().forEach((key, value) -> extraLines.append(key).append('=').append(value).append(nl));
        }
        return String.join(nl,
                "# Generated by the urlcheck launcher: one combined broker and controller on loopback.",
                "process.roles=broker,controller",
                "node.id=" + NODE_ID,
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port() + ",CONTROLLER://127.0.0.1:" + controllerPort + extraListener,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port() + extraListener,
                "controller.listener.names=" + CONTROLLER_LISTENER,
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
                        + (listener != null ? "," + listener.name() + ":" + listener.securityProtocol() : ""),
                "log.dirs=" + dir.resolve("data"),
                "# The launcher creates every topic with its partition count; a typo must not create one.",
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "# One partition: a local broker's groups are few, and each partition costs its creation and loading at start.",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                extraLines.toString());
    }

    /**
     * The broker's class path: this JVM's jars, with absolute paths so the child finds them from any directory.
     * Kafka always comes from jars; a directory on this JVM's class path holds a build's or a test run's own
     * classes, which the broker never loads, and would rule out its class-data archive (which maps only jars).
     * A JVM's class path does not change, so it is read once.
     */
    private static final List<Path> CLASS_PATH;

    /**
     * The broker's archive kind: {@code kafka} under the packaged launcher, {@code kafka-embedded} in a JVM run
     * from classes (a test run, an IDE). The two have different class paths, and a kind keeps one archive, so
     * sharing one kind would make each drop the other's archive and write its own again at every other start.
     */
    private static final String ARCHIVE_KIND;

    static {
        boolean fromClasses = false;
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                fromClasses = true;
            } else {
                jars.add(path);
            }
        }
        CLASS_PATH = List.copyOf(jars);
        ARCHIVE_KIND = fromClasses ? "kafka-embedded" : "kafka";
    }

    private static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        // C1 in every stack, up's too: the tiered JIT made up's first 100,000 URLs 7 s slower and the later ones
        // no faster (bench/README.md, section Stack).
        command.addAll(Java.flags(Java.Jit.QUICK_START));
        // Warnings and errors, and the line saying it started: its INFO start-up (every config, several times)
        // is thousands of lines written while the machine is busiest.
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        // Wall-clock times (UTC, as launcher.log writes them), not milliseconds since the logger loaded.
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSX");
        command.add("-Duser.timezone=UTC");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, CLASS_PATH.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
