package io.urlcheck.systemtests.monitor;

import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.launcher.stack.Startup;
import io.urlcheck.systemtests.support.DeploySettings;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.TargetServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pipeline a monitor runs through, started once for a test class: a real broker, TWO producer replicas, one
 * worker and the sink, each the packaged jar as its own process with the settings deploy/base/config gives it
 * (as environment variables, as the ConfigMaps pass them). Added only what a test machine needs: the broker's
 * address, free ports, the API token, a store directory, loopback targets allowed, and a short session timeout
 * for the monitor scheduler's consumer group so that a killed replica's partitions move within seconds. Around
 * it: a loopback target whose answers the test flips and a loopback webhook receiver. Logs stay in
 * {@code system-tests/target/it-runs/monitor-*}.
 */
final class MonitorStack implements AutoCloseable {

    /** The producer setting that bounds how long a dead scheduler replica keeps its monitors (deploy keeps the default). */
    static final String SCHEDULER_SESSION_TIMEOUT = "urlcheck.producer.monitors.session-timeout";
    /** Short, so that the partitions of a replica killed with SIGKILL move to the survivor within seconds. */
    static final String SESSION_TIMEOUT = "6s";
    static final Duration READY = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dir;
    private final String token = "monitor-it-" + Long.toHexString(System.nanoTime());
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServiceProcess> producers = new ArrayList<>();
    private KafkaBroker broker;
    private TargetServer target;
    private WebhookReceiver receiver;
    private ServiceProcess sink;

    private MonitorStack(Path dir) {
        this.dir = dir;
    }

    /** Starts broker, targets, receiver and services, and waits until every service is ready. */
    static MonitorStack start() {
        return Startup.startOrClose(new MonitorStack(Home.runDir("monitor")), MonitorStack::startAll);
    }

    private void startAll() {
        broker = keep(KafkaBroker.start());
        target = keep(TargetServer.start("127.0.0.1"));
        receiver = keep(WebhookReceiver.start());
        Map<String, String> sinkSettings = settings("sink");
        sinkSettings.put("urlcheck.sink.json.dir", dir.resolve("sink-data").toString());
        sink = service("sink-service", "sink", sinkSettings, "384m");
        Map<String, String> workerSettings = settings("worker");
        workerSettings.put("urlcheck.worker.allow-cidrs", "127.0.0.0/8");
        ServiceProcess worker = service("worker-service", "worker", workerSettings, "256m");
        for (int i = 1; i <= 2; i++) {
            Map<String, String> producerSettings = settings("producer");
            producerSettings.put(SCHEDULER_SESSION_TIMEOUT, SESSION_TIMEOUT);
            producers.add(service("producer-service", "producer-" + i, producerSettings, "256m"));
        }
        List<ServiceProcess> all = new ArrayList<>(producers);
        all.add(worker);
        all.add(sink);
        all.forEach(ServiceProcess::start);
        all.forEach(s -> s.awaitReady(READY));
    }

    /** deploy/base/config/{service}.properties with this machine's broker and the deployment's token. */
    private Map<String, String> settings(String service) {
        Map<String, String> settings = new LinkedHashMap<>(DeploySettings.of(service));
        settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
        settings.put("urlcheck.api.token", token);
        return settings;
    }

    private ServiceProcess service(String module, String name, Map<String, String> settings, String heap) {
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.put("quarkus.http.port", Integer.toString(port));
        env.put("quarkus.banner.enabled", "false");
        Path tmp = dir.resolve("tmp-" + name);
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + tmp, e);
        }
        ServiceProcess process = new ServiceProcess(name, ServiceProcess.jar(Home.path(), module), port,
                List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp),
                Map.of(), env, dir.resolve("logs").resolve(name + ".log"));
        keep(() -> process.stop(STOP_GRACE));
        return process;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }

    /** Starts every producer replica that is not running (a test killed it) and waits until each is ready. */
    void ensureProducersUp() {
        List<ServiceProcess> down = producers.stream().filter(p -> !p.process().isAlive()).toList();
        down.forEach(ServiceProcess::start);
        down.forEach(p -> p.awaitReady(READY));
    }

    /** Producer replica {@code index} (0 or 1). */
    ServiceProcess producer(int index) {
        return producers.get(index);
    }

    /** How many producer replicas. */
    int producerCount() {
        return producers.size();
    }

    /**
     * The replica whose log names {@code jobId}: the one that fired that run (the producer logs "job ID submitted"
     * for every job it submits, a monitor's run included), or empty when no log names it (yet).
     */
    Optional<Integer> replicaThatLogged(String jobId) {
        Pattern mentions = Pattern.compile(Pattern.quote(jobId) + "(?!\\d)");
        Integer found = null;
        for (int i = 0; i < producers.size(); i++) {
            if (mentions.matcher(log(producers.get(i))).find()) {
                if (found != null) {
                    throw new IllegalStateException("both replicas' logs name " + jobId + ": was it fired twice? see " + dir);
                }
                found = i;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String log(ServiceProcess service) {
        try {
            return Files.readString(service.process().logFile(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    String token() {
        return token;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String sinkUrl() {
        return sink.baseUrl();
    }

    /** The loopback target the monitors check; its paths are stubbed (and flipped) by the tests. */
    TargetServer target() {
        return target;
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    /** Where the logs of this stack's processes are. */
    Path dir() {
        return dir;
    }

    /** Stops the services (SIGTERM, then SIGKILL after a grace), then receiver, target and broker. */
    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("MonitorStack: closing " + c + ": " + e);
            }
        }
    }
}
