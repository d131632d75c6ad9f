package io.urlcheck.systemtests.hostile;

import io.urlcheck.systemtests.support.Home;
import io.urlcheck.testkit.FreePorts;

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
import java.util.ArrayList;
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
 * deploy/'s ConfigMaps and Secrets pass them, and nothing names {@code quarkus.http.host}. Unlike the
 * launcher's {@code ServiceProcess}, which always passes {@code -Dquarkus.http.host=127.0.0.1}, this shows
 * which address the jar picks by itself. Kafka is wherever {@code kafka.bootstrap.servers} says; by default
 * nowhere, since the HTTP side comes up without a broker.
 */
public final class PackagedService implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://(\\S+):(\\d+)");

    private final String module;
    private final Path dir;
    private final int port;
    private final Path log;
    private final Process process;

    private PackagedService(String module, Path dir, int port, Path log, Process process) {
        this.module = module;
        this.dir = dir;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code module} on a free port with {@code env} added to this JVM's environment; waits until it listens. */
    public static PackagedService start(String module, Map<String, String> env) {
        Path home = Home.path();
        Path jar = home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; package the services first");
        }
        Path dir = Home.runDir("packaged-" + module);
        int port = FreePorts.free();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.port", Integer.toString(port));
        // No broker: an address nothing listens on, so the Kafka clients only retry in the background.
        all.put("kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.free());
        all.put("urlcheck.sink.json.dir", dir.resolve("store").toString());
        all.put("quarkus.banner.enabled", "false");
        all.putAll(env);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-jar", jar.toString()));
        Path log = dir.resolve(module + ".log");
        try {
            Files.createDirectories(dir.resolve("tmp"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).directory(dir.toFile());
            // Only what the caller gives decides: nothing inherited names the bind address or a token.
            builder.environment().keySet().removeIf(k -> k.equalsIgnoreCase("QUARKUS_HTTP_HOST")
                    || k.equalsIgnoreCase("URLCHECK_API_TOKEN") || k.equals("urlcheck.api.token"));
            builder.environment().putAll(all);
            PackagedService service = new PackagedService(module, dir, port, log, builder.start());
            try {
                await(module + " listening (log " + log + ")").atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            if (!service.process.isAlive()) {
                                throw new IllegalStateException(module + " exited with " + service.process.exitValue()
                                        + ":\n" + service.logText());
                            }
                            return service.listeningHost().isPresent();
                        });
            } catch (RuntimeException e) {
                service.close();
                throw e;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module, e);
        }
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
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String loopbackUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return module + " on port " + port;
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
