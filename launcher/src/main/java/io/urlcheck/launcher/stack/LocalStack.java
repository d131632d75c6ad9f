package io.urlcheck.launcher.stack;

import io.urlcheck.contract.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The whole pipeline on this machine: a KRaft broker with every topic, the producer, N workers in one
 * consumer group and the sink, each its own JVM logging to {@code <runDir>/logs}. Used by
 * {@code ./urlcheck run} and {@code up}, and by the system tests, which also kill and restart its parts.
 */
public final class LocalStack implements AutoCloseable {

    /** Partitions of {@link Topics#REQUESTS}: the most workers that can share the checking. */
    public static final int REQUEST_PARTITIONS = 8;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** The producer's and workers' heap: what they need for the local run's bounded windows. */
    private static final String SERVICE_HEAP = "256m";
    /**
     * The sink's heap. Its JSON store keeps an index of about 1.5 KB per URL in at most half of it
     * (urlcheck.sink.json.index-heap-percent), so 1 GiB holds about 330,000 URLs where 256 MiB held
     * 80,000; the serial collector grows the heap only as far as the run needs.
     */
    private static final String SINK_HEAP = "1g";
    /**
     * A local stack's workers start cold: no warm-up checks before they join the group. All five JVMs start at
     * once on the user's machine and the broker's start is the longest path, so the warm-up's checks (4 s of a
     * 2-core start here, against a check phase of 1-2 s for 1,000 URLs) would delay a one-shot run more than
     * they save it. A deployment's worker, which joins a group under load and runs for days, keeps the service
     * default (bench/README.md, finding 22). A worker property the stack is given still wins.
     */
    private static final Map<String, String> LOCAL_WORKER = Map.of("urlcheck.worker.warm-up.checks", "0");
    /**
     * The session timeout of the consumers that share work (the workers' requests, the sink's results and jobs):
     * how long a member that died without leaving holds its partitions. Kafka's 45 s meant that a worker the
     * {@link Supervisor} had restarted within seconds read nothing for most of a minute; on a loopback broker a
     * member that misses 10 s of heartbeats is gone. A service's own setting wins.
     */
    private static final String LOCAL_SESSION_TIMEOUT_MS = "10000";
    /**
     * Every service's Kafka clients on a local stack. They start before the broker and retry until it answers,
     * and Kafka's default backoff grows to 1 s between attempts, so they found the broker up to a second after
     * it was ready. Their consumers subscribe before the launcher creates the topics and join their groups
     * with no partitions; when the topics appear, a group's leader sees them at its next metadata refresh and
     * rejoins, and every other member learns of that rebalance only from its next heartbeat (3 s apart by
     * default), holding the whole group meanwhile. With the sink's two channels in one group that was 2.5-3 s
     * in which the sink read nothing (its job first reported already complete); the sink now gives each
     * channel its own group, so each consumer is its own leader. A loopback broker is cheap to ask again.
     * A service's own configuration overrides these.
     */
    private static final Map<String, String> LOCAL_KAFKA_CLIENT = Map.of(
            "kafka.reconnect.backoff.max.ms", "100",
            "kafka.retry.backoff.max.ms", "100",
            "kafka.metadata.max.age.ms", "500",
            "mp.messaging.connector.smallrye-kafka.poll-timeout", "100");

    private final StackConfig config;
    private final PortPlan ports;
    private final Timeline timeline;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private KafkaProcess kafka;
    private ServiceProcess producer;
    private ServiceProcess sink;
    private Duration startupTime;

    private LocalStack(StackConfig config) {
        this.config = config;
        this.ports = PortPlan.of(config);
        this.timeline = new Timeline(config.runDir().resolve("logs").resolve("launcher.log"));
    }

    /** Checks every port, then starts broker, topics and services, and waits until all are ready. */
    public static LocalStack start(StackConfig config) {
        return Startup.startOrClose(new LocalStack(config), LocalStack::startAll);
    }

    private void startAll() {
        long t0 = System.nanoTime();
        timeline.mark("stack: starting");
        Path kafkaDir = config.runDir().resolve("kafka");
        kafka = new KafkaProcess(kafkaDir, logDir(), ports.kafka(), ports.controller());
        if (config.listener() != null) {
            kafka.listener(ports.listener(), config.listener());
        }
        producer = service("producer-service", "producer", ports.producer(), config.producerProps(), SERVICE_HEAP,
                Java.Jit.QUICK_START);
        sink = service("sink-service", "sink", ports.sink(), sinkProperties(), SINK_HEAP, Java.Jit.QUICK_START);
        for (int i = 1; i <= config.workers(); i++) {
            workers.add(newWorker(i, ports.worker(i)));
        }
        kafka.launch();
        timeline.mark("broker: formatted and launched");
        // The broker is the longest way to a ready stack, so it goes first; the services boot while it comes
        // up, their clients retry until it answers, and their consumers wait for the topics created below.
        producer.start();
        sink.start();
        workers.forEach(ServiceProcess::start);
        timeline.mark("services: launched");
        try (Admin admin = kafka.admin()) {
            kafka.awaitReady(admin, READY_TIMEOUT);
            timeline.mark("broker: ready");
            StackTopics.create(admin, READY_TIMEOUT);
            timeline.mark("topics: created and writable");
        }
        producer.awaitReady(READY_TIMEOUT);
        timeline.mark("producer: ready");
        sink.awaitReady(READY_TIMEOUT);
        timeline.mark("sink: ready");
        for (ServiceProcess worker : workers) {
            worker.awaitReady(READY_TIMEOUT);
            timeline.mark(worker.name() + ": ready");
        }
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
        timeline.mark("stack: ready (" + cpuTimes() + ")");
    }

    private Map<String, String> sinkProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("urlcheck.sink.json.dir", config.runDir().resolve("data").toString());
        props.put("mp.messaging.incoming.results.session.timeout.ms", LOCAL_SESSION_TIMEOUT_MS);
        props.put("mp.messaging.incoming.jobs.session.timeout.ms", LOCAL_SESSION_TIMEOUT_MS);
        props.putAll(config.sinkProps());
        return props;
    }

    private ServiceProcess newWorker(int index, int port) {
        Map<String, String> props = new HashMap<>(LOCAL_WORKER);
        props.put("urlcheck.worker.id", "worker-" + index);
        props.put("mp.messaging.incoming.requests.session.timeout.ms", LOCAL_SESSION_TIMEOUT_MS);
        props.putAll(config.workerProps());
        return service("worker-service", "worker-" + index, port, props, SERVICE_HEAP, workerJit());
    }

    private ServiceProcess service(String module, String name, int port, Map<String, String> extra, String heap,
                                   Java.Jit jit) {
        Map<String, String> props = new HashMap<>(LOCAL_KAFKA_CLIENT);
        props.putAll(extra);
        if (config.listener() != null) {
            props.put("kafka.bootstrap.servers", kafka.listenerBootstrapServers());
            config.listener().clientProperties().forEach((key, value) -> props.put("kafka." + key, value));
        } else {
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        }
        return new ServiceProcess(config.home(), module, name, port, props, heap, logDir(), jit);
    }

    /**
     * How a worker compiles: a serving stack's ({@code up}) on the tiered JIT, whose C2 the checking needs once warm,
     * a run's on C1 for start-up. The producer and the sink stay on C1 in either: their work per URL is Kafka and
     * Jackson, which C1's code does for about the same CPU, while their C2 compiles took CPU from the worker during a
     * fresh {@code up}'s first jobs (bench/README.md, finding 31).
     */
    private Java.Jit workerJit() {
        return config.serving() ? Java.Jit.TIERED : Java.Jit.QUICK_START;
    }

    /** Starts one more worker (numbered after the existing ones) and waits until it is ready. */
    public ServiceProcess addWorker() {
        ServiceProcess worker = newWorker(workers.size() + 1, ports.addWorker());
        workers.add(worker);
        return worker.start().awaitReady(READY_TIMEOUT);
    }

    /**
     * Every child as a {@link Supervisor} sees it: the services by their liveness endpoint, the broker by its JVM
     * alone. A restart is marked in {@code launcher.log}; a service waits until it is ready again, the broker until
     * it answers, on the same log directory (its topics and offsets kept, as a broker restart keeps them).
     */
    public List<Supervisor.Child> supervised() {
        List<Supervisor.Child> children = new ArrayList<>();
        Stream.concat(Stream.of(producer), Stream.concat(workers.stream(), Stream.of(sink))).forEach(service ->
                children.add(supervised(service.name(), service, service::liveness, () -> {
                    service.kill();
                    service.start().awaitReady(READY_TIMEOUT);
                })));
        children.add(supervised("kafka", kafka, () -> Supervisor.Liveness.UP, () -> {
            kafka.kill();
            kafka.start(READY_TIMEOUT);
        }));
        return children;
    }

    private Supervisor.Child supervised(String name, StackProcess part, Supplier<Supervisor.Liveness> liveness, Runnable restart) {
        return new Supervisor.Child() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Integer> exitCode() {
                return part.process().isAlive() ? Optional.empty() : Optional.ofNullable(part.process().exitCode());
            }

            @Override
            public Supervisor.Liveness liveness() {
                return liveness.get();
            }

            @Override
            public void restart() {
                timeline.mark(name + ": restarting");
                restart.run();
                timeline.mark(name + ": restarted and ready");
            }

            @Override
            public Path logFile() {
                return part.process().logFile();
            }
        };
    }

    /**
     * Stops everything in pipeline order: the producer first (no new work), then the workers with
     * SIGTERM so that they drain within their grace, then the sink, then the broker.
     */
    public void stop() {
        timeline.mark("stack: stopping (" + cpuTimes() + ")");
        if (producer != null) {
            producer.terminate();
        }
        drainWorkers();
        if (producer != null) {
            producer.stop(STOP_GRACE);
        }
        if (sink != null) {
            sink.stop(STOP_GRACE);
        }
        if (kafka != null) {
            kafka.stop(STOP_GRACE);
        }
        timeline.mark("stack: stopped");
    }

    /** True when a child still running will write its class-data archive as it exits, so {@link #kill()} waits for it. */
    public boolean savesClassDataOnExit() {
        return children().stream().anyMatch(child -> child.isAlive() && child.writesArchiveAtExit());
    }

    /**
     * Stops everything at once, for when nothing the children hold needs saving any more ({@code run} has
     * written its results durably, and the run's broker and sink data are thrown away): SIGKILL, except a JVM
     * still to write its class-data archive ({@link ClassDataSharing}), which gets SIGTERM and time to exit.
     */
    public void kill() {
        if (children().stream().noneMatch(ChildProcess::isAlive)) {
            return;
        }
        timeline.mark("stack: killing (" + cpuTimes() + ")");
        List<ChildProcess> writers = new ArrayList<>();
        List<ChildProcess> rest = new ArrayList<>();
        for (ChildProcess child : children()) {
            (child.writesArchiveAtExit() ? writers : rest).add(child);
        }
        writers.forEach(ChildProcess::terminate);
        for (ChildProcess child : rest) {
            if (child != kafkaProcess() || writers.isEmpty()) {
                child.kill();
            }
        }
        writers.forEach(w -> w.stop(STOP_GRACE));
        if (kafka != null) {
            kafka.process().kill();
        }
        timeline.mark("stack: killed" + (writers.isEmpty() ? "" : " (" + writers.size() + " wrote a class-data archive)"));
    }

    /**
     * This JVM's and each live child's CPU time so far, as {@code CPU s: launcher 1.82, producer 2.70, ..., kafka 3.78}: on a small machine a
     * run's start-up and checks are CPU-bound, and this line says which JVM spent it.
     */
    private String cpuTimes() {
        List<String> parts = new ArrayList<>();
        ProcessHandle.current().info().totalCpuDuration().ifPresent(cpu -> parts.add(cpuTime("launcher", cpu)));
        for (ChildProcess child : children()) {
            if (child.isAlive()) {
                child.handle().info().totalCpuDuration().ifPresent(cpu -> parts.add(cpuTime(child.name(), cpu)));
            }
        }
        return "CPU s: " + (parts.isEmpty() ? "unknown" : String.join(", ", parts));
    }

    private static String cpuTime(String name, Duration cpu) {
        return String.format(Locale.ROOT, "%s %.2f", name, cpu.toMillis() / 1000.0);
    }

    private ChildProcess kafkaProcess() {
        return kafka == null ? null : kafka.process();
    }

    /** The child processes started so far: producer, sink, workers, broker. */
    private List<ChildProcess> children() {
        return Stream.<StackProcess>concat(Stream.concat(Stream.of(producer, sink), workers.stream()), Stream.of(kafka))
                .filter(Objects::nonNull).map(StackProcess::process).toList();
    }

    /** SIGTERMs every worker at once and waits for them all (drain grace plus margin), then SIGKILLs stragglers. */
    public void drainWorkers() {
        workers.forEach(ServiceProcess::terminate);
        Duration grace = workerDrainGrace().plusSeconds(10);
        workers.forEach(w -> w.stop(grace));
    }

    private Duration workerDrainGrace() {
        String value = config.workerProps().getOrDefault("urlcheck.worker.drain-grace", "20s");
        try {
            return Duration.parse("PT" + value.toUpperCase());
        } catch (RuntimeException e) {
            return Duration.ofSeconds(20);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The broker. */
    public KafkaProcess kafka() { return kafka; }
    /** The producer service. */
    public ServiceProcess producer() { return producer; }
    /** The sink service. */
    public ServiceProcess sink() { return sink; }
    /** The workers, in start order. */
    public List<ServiceProcess> workers() { return List.copyOf(workers); }
    /** How long broker, topics and services took until all were ready. */
    public Duration startupTime() { return startupTime; }
    /** The {@code host:port} of the broker. */
    public String bootstrapServers() { return kafka.bootstrapServers(); }
    /** {@code http://127.0.0.1:<port>} of the producer. */
    public String producerUrl() { return producer.baseUrl(); }
    /** {@code http://127.0.0.1:<port>} of the sink. */
    public String sinkUrl() { return sink.baseUrl(); }
    /** Where every child's log file is. */
    public Path logDir() { return config.runDir().resolve("logs"); }
    /** The launcher's log of this stack's phases ({@code logs/launcher.log}). */
    public Timeline timeline() { return timeline; }
    /** Every port this stack listens on. */
    public PortPlan ports() { return ports; }
    /** The configuration this stack was started with. */
    public StackConfig config() { return config; }
}
