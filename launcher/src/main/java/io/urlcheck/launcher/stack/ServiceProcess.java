package io.urlcheck.launcher.stack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One packaged Quarkus service as a child JVM: {@code java -D... -jar <module>/target/quarkus-app/quarkus-run.jar},
 * the very artifact production runs. Secret properties ({@link Secrets}) go to it through its environment. Ready when {@code /q/health/ready} answers 200; it can be
 * SIGTERMed, SIGKILLed and started again with the same settings.
 */
public final class ServiceProcess extends StackProcess implements AutoCloseable {

    private static final int PROBE_TIMEOUT_MS = 2_000;
    /** deploy/'s liveness probe's {@code timeoutSeconds}. */
    private static final int LIVENESS_TIMEOUT_MS = 3_000;

    /** How long {@link #close()} lets the service shut down before killing it. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(20);

    private final String name;

    /**
     * @param home       the repository root (holds {@code <module>/target/quarkus-app})
     * @param module     {@code producer-service}, {@code worker-service} or {@code sink-service}
     * @param name       the name in messages and of the log file, e.g. {@code worker-2}
     * @param port       the HTTP port ({@code quarkus.http.port})
     * @param properties the service's configuration, e.g. {@code urlcheck.worker.max-in-flight}: {@code -D} flags,
     *                   secrets environment variables of the same name
     * @param heap       the {@code -Xmx} value, e.g. {@code 256m}
     * @param logDir     where {@code <name>.log} goes
     */
    public ServiceProcess(Path home, String module, String name, int port, Map<String, String> properties,
                          String heap, Path logDir) {
        this(home, module, name, port, properties, heap, logDir, Java.Jit.QUICK_START);
    }

    /** As {@link #ServiceProcess(Path, String, String, int, Map, String, Path)}, compiling as {@code jit} says. */
    ServiceProcess(Path home, String module, String name, int port, Map<String, String> properties,
                   String heap, Path logDir, Java.Jit jit) {
        super(port, packaged(home, module, name, port, properties, heap, logDir, jit));
        this.name = name;
    }

    /** The child process of {@link #ServiceProcess(Path, String, String, int, Map, String, Path, Java.Jit)}. */
    private static ChildProcess packaged(Path home, String module, String name, int port, Map<String, String> properties,
                                         String heap, Path logDir, Java.Jit jit) {
        Path jar = jar(home, module);
        if (!Files.isRegularFile(jar)) {
            throw new StackException(jar + " is missing; build it with ./mvnw -B package -DskipTests"
                    + " (./urlcheck does so on first use)");
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.banner.enabled", "false");
        props.putAll(properties);
        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.add("-Xmx" + heap);
        jvmOptions.addAll(Java.flags(jit));
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> command = command(jar, jvmOptions, props, secrets);
        ClassDataSharing cds = ClassDataSharing.of(module, List.of(jar,
                jar.resolveSibling("quarkus").resolve("quarkus-application.dat")));
        return new ChildProcess(name, command, secrets, logDir.resolve(name + ".log"), cds);
    }

    /**
     * {@code jar} run as given, outside the launcher's stack: for tests and the bench, which choose the build, every
     * JVM option and how each setting arrives. Nothing is added: no heap or {@link Java#flags} beyond
     * {@code jvmOptions}, no default property, no class-data archive.
     *
     * @param name        the name in messages, e.g. {@code sink}
     * @param jar         a {@code quarkus-run.jar}
     * @param port        the HTTP port the settings give it ({@code quarkus.http.port}), for {@link #baseUrl()}
     * @param jvmOptions  heap and JVM flags, e.g. {@code -Xmx256m}
     * @param properties  {@code -D} flags; secrets ({@link Secrets}) go as environment variables of the same name
     * @param environment variables added to the child's environment as they are
     * @param logFile     where its output is appended
     */
    public ServiceProcess(String name, Path jar, int port, List<String> jvmOptions, Map<String, String> properties,
                          Map<String, String> environment, Path logFile) {
        super(port, asGiven(name, jar, jvmOptions, properties, environment, logFile));
        this.name = name;
    }

    /** The child process of {@link #ServiceProcess(String, Path, int, List, Map, Map, Path)}. */
    private static ChildProcess asGiven(String name, Path jar, List<String> jvmOptions, Map<String, String> properties,
                                        Map<String, String> environment, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(jar + " is missing; package it first (./mvnw -B package -DskipTests)");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> command = command(jar.toAbsolutePath(), jvmOptions, properties, variables);
        variables.putAll(environment);
        return new ChildProcess(name, command, variables, logFile);
    }

    /** {@code java <jvmOptions> -D... -jar <jar>}; secret properties go to {@code secrets} instead of the command line. */
    private static List<String> command(Path jar, List<String> jvmOptions, Map<String, String> properties,
                                        Map<String, String> secrets) {
        List<String> command = new ArrayList<>();
        command.add(Java.executable());
        command.addAll(jvmOptions);
        properties.forEach((k, v) -> {
            if (Secrets.isSecret(k)) {
                secrets.put(k, v);
            } else {
                command.add("-D" + k + "=" + v);
            }
        });
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The packaged application of {@code module} under {@code home}. */
    public static Path jar(Path home, String module) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    }

    /** Starts the JVM without waiting; pair with {@link #awaitReady}. */
    public ServiceProcess start() {
        process().start();
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails fast, with the log's tail, if the JVM exits. */
    public ServiceProcess awaitReady(Duration timeout) {
        ChildProcess process = process();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(name + " exited with code " + process.exitCode() + " while starting; see "
                        + process.logFile() + System.lineSeparator() + process.logTail(20));
            }
            if (isReady(baseUrl())) {
                return this;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(name + " was not ready within " + timeout.toSeconds() + " s; see "
                        + process.logFile() + System.lineSeparator() + process.logTail(20));
            }
            pause(Duration.ofMillis(100));
        }
    }

    /**
     * True when the service at {@code baseUrl} (e.g. {@code http://127.0.0.1:8083}) answers {@code /q/health/ready}
     * with 200 right now, false while it does not answer or is not ready: what every wait for a service polls,
     * wherever the service runs (a child process here, a container in the container suite).
     */
    public static boolean isReady(String baseUrl) {
        return status(baseUrl + "/q/health/ready", PROBE_TIMEOUT_MS) == 200;
    }

    /**
     * What {@code /q/health/live} answers now: 200 {@link Supervisor.Liveness#UP}, 503 {@link Supervisor.Liveness#DOWN}
     * (a check failed, such as a Kafka channel that gave up), anything else or nothing within deploy/'s probe timeout
     * (3 s) {@link Supervisor.Liveness#NO_ANSWER}.
     */
    public Supervisor.Liveness liveness() {
        int status = status(baseUrl() + "/q/health/live", LIVENESS_TIMEOUT_MS);
        return status == 200 ? Supervisor.Liveness.UP : status == 503 ? Supervisor.Liveness.DOWN : Supervisor.Liveness.NO_ANSWER;
    }

    /** The status a GET of {@code url} answers within {@code timeoutMs}, or -1 when it does not answer (not listening yet). */
    private static int status(String url, int timeoutMs) {
        // HttpURLConnection, not HttpClient: the latter's selector thread would hold up the launcher's exit (client/Http).
        HttpURLConnection probe = null;
        try {
            probe = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            probe.setConnectTimeout(timeoutMs);
            probe.setReadTimeout(timeoutMs);
            return probe.getResponseCode();
        } catch (IOException e) {
            return -1;
        } finally {
            if (probe != null) {
                probe.disconnect();
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // polling interval of a readiness probe, not test synchronization
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    /** SIGTERM and return: the service shuts down gracefully (a worker drains). */
    public void terminate() {
        process().terminate();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The name in messages, e.g. {@code worker-1}. */
    public String name() {
        return name;
    }

    /** Stops the service gracefully, SIGKILLing it if it is still up after {@link #CLOSE_GRACE}. */
    @Override
    public void close() {
        stop(CLOSE_GRACE);
    }
}
