package io.urlcheck.systemtests.hostile;

import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.support.Home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) started as a process the way a
 * container starts it: settings arrive only as environment variables named like the properties, as
 * deploy/'s ConfigMaps and Secrets pass them, and nothing names {@code quarkus.http.host}. The launcher's
 * {@link ServiceProcess} starts it with no property of its own (its stack's constructor always passes
 * {@code -Dquarkus.http.host=127.0.0.1}), so this shows which address the jar picks by itself. Kafka is wherever
 * {@code kafka.bootstrap.servers} says; by default nowhere, since the HTTP side comes up without a broker.
 */
public record PackagedService(String module, Path dir, Path log, ServiceProcess service) implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://(\\S+):(\\d+)");
    /**
     * Variables that would decide in the caller's place if this JVM passed them on; the launcher's ChildProcess
     * already drops {@code URLCHECK_API_TOKEN}.
     */
    private static final List<String> INHERITED_SETTINGS = List.of("QUARKUS_HTTP_HOST", "urlcheck.api.token");

    /** Starts {@code module} on a free port with {@code env} added to this JVM's environment; waits until it listens. */
    public static PackagedService start(String module, Map<String, String> env) {
        // Only what the caller gives decides: nothing inherited may name the bind address or a token.
        for (String inherited : INHERITED_SETTINGS) {
            if (System.getenv(inherited) != null) {
                throw new IllegalStateException(inherited + " is set in the test's environment and would reach " + module);
            }
        }
        Path dir = Home.runDir("packaged-" + module);
        int port = Ports.free();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.port", Integer.toString(port));
        // No broker: an address nothing listens on, so the Kafka clients only retry in the background.
        all.put("kafka.bootstrap.servers", "127.0.0.1:" + Ports.free());
        all.put("urlcheck.sink.json.dir", dir.resolve("store").toString());
        all.put("quarkus.banner.enabled", "false");
        all.putAll(env);
        Path log = dir.resolve(module + ".log");
        try {
            Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
        ServiceProcess process = new ServiceProcess(module, ServiceProcess.jar(Home.path(), module), port,
                List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dir.resolve("tmp")),
                Map.of(), all, log);
        PackagedService service = new PackagedService(module, dir, log, process.start());
        try {
            await(module + " listening (log " + log + ")").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.process().isAlive()) {
                            throw new IllegalStateException(module + " exited with " + process.process().exitCode()
                                    + ":\n" + service.logText());
                        }
                        return service.listeningHost().isPresent();
                    });
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The host of Quarkus' "Listening on: http://HOST:PORT" line, once it is logged. */
    Optional<String> listeningHost() {
        Matcher m = LISTENING.matcher(logText());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The service's {@code java.io.tmpdir}, where Quarkus would spool uploads. */
    Path tmpDir() {
        return dir.resolve("tmp");
    }

    public int port() {
        return service.port();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String loopbackUrl() {
        return service.baseUrl();
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
    @Override
    public void close() {
        service.stop(Duration.ofSeconds(20));
    }

    /** Closes each of {@code all} that was started, in order, reporting a failure and going on with the rest. */
    static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e);
            }
        }
    }

    @Override
    public String toString() {
        return module + " on port " + service.port();
    }

    /** An IPv4 address of this machine that is not loopback, when it has one (CI machines do). */
    static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(PackagedService::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
