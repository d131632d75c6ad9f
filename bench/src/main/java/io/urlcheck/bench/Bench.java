package io.urlcheck.bench;

import io.urlcheck.contract.ApiHeaders;
import io.urlcheck.contract.CheckRequest;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What every scenario shares: where things are (repository, worker jar, peer, results), the options,
 * and the helpers that start a target, write a URL list, and start workers the same way each time.
 */
public final class Bench {

    /**
     * JVM options every worker gets unless {@code --worker-jvm} says otherwise; P4's memory figure depends on
     * them. The flags are the worker's own (its Dockerfile, deploy/, and {@code ./urlcheck}'s launcher).
     */
    public static final String DEFAULT_WORKER_JVM = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:NewRatio=1 -XX:SurvivorRatio=4";

    /**
     * The worker as deploy/base/worker.yaml runs it, for the scenarios that stand for a worker that runs for days (P1 and
     * P2, issue #21 items 2 and 3): the heap deploy gives it (75 % of a 768 MiB limit) and the tiered JIT, not C1 alone
     * (bench/README.md, findings 16-18 and 23).
     */
    public static final String DEPLOYED_WORKER_JVM = DEFAULT_WORKER_JVM.replace("-Xmx256m", "-Xmx576m")
            .replace(" -XX:TieredStopAtLevel=1", "");

    private final Path home;
    private final Options options;
    private final Path runDir;
    private final Map<String, String> serviceJars = new LinkedHashMap<>();
    private String defaultWorkerJvm = DEFAULT_WORKER_JVM;

    public Bench(Path home, Options options) {
        this.home = home;
        this.options = options;
        this.runDir = home.resolve("bench/target/runs").resolve(Instant.now().toString().replace(':', '-'));
    }

    public Path home() {
        return home;
    }

    public Options options() {
        return options;
    }

    /** Where JSON records are appended. */
    public Path resultsDir() {
        return Path.of(options.string("results", home.resolve("bench/results").toString()));
    }

    /** Logs, URL files and JFR recordings of this invocation (never committed). */
    public Path runDir() {
        return runDir;
    }

    public Path workerJar() {
        return snapshot("worker", options.string("worker-jar", home.resolve("worker-service/target/quarkus-app/quarkus-run.jar").toString()));
    }

    public Path producerJar() {
        return snapshot("producer", options.string("producer-jar", home.resolve("producer-service/target/quarkus-app/quarkus-run.jar").toString()));
    }

    public Path sinkJar() {
        return snapshot("sink", options.string("sink-jar", home.resolve("sink-service/target/quarkus-app/quarkus-run.jar").toString()));
    }

    /**
     * Copies a service's {@code quarkus-app} into this run's directory once and returns the copy's jar:
     * the engineers who own the service rebuild it in place while a benchmark runs, and a half-written
     * jar would fail a run or, worse, mix two versions within one.
     */
    private synchronized Path snapshot(String service, String jar) {
        Path original = Path.of(jar);
        Path copy = runDir.resolve(service + "-app");
        if (!Files.isDirectory(copy)) {
            serviceJars.put(service, describeBuild(original));
            if (!Files.isRegularFile(original)) {
                throw new IllegalStateException(original + " is missing: build it with ./mvnw -B -q -pl " + service
                        + "-service package -DskipTests");
            }
            Path app = original.getParent();
            try (var files = Files.walk(app)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(app.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot copy " + app, e);
            }
        }
        return copy.resolve(original.getFileName().toString());
    }

    public AsyncioPeer peer() {
        return new AsyncioPeer(Path.of(options.string("peer", home.resolve("../shared/peers/asyncio_checker.py").normalize().toString())),
                options.string("python", "/usr/bin/python3"));
    }

    public int runs() {
        return options.integer("runs", 3);
    }

    /** Starts a target on {@code hosts} with this invocation's body, title and event-loop options. */
    public TargetFarm target(List<String> hosts, long latencyMs, boolean keepAlive) {
        return TargetFarm.start(new TargetFarm.Config(hosts, Ports.free(),
                options.integer("target-loops", 2), latencyMs, options.integer("body-bytes", 2048),
                options.string("title", "urlcheck bench page"), keepAlive));
    }

    /** The benchmark's URL list: {@code count} distinct URLs spread round-robin over the target's hosts. */
    public static String url(TargetFarm target, int i) {
        return target.url(i, "/page/" + i);
    }

    /** Writes the URL list to a file, one per line, for the asyncio peer. */
    public Path writeUrls(TargetFarm target, int count, String name) {
        try {
            Files.createDirectories(runDir);
            Path file = runDir.resolve(name + ".txt");
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                for (int i = 0; i < count; i++) {
                    out.write(url(target, i));
                    out.newLine();
                }
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the URL list", e);
        }
    }

    /** The same URL list as {@link CheckRequest}s, as the producer would publish them (key = host). */
    public static Iterator<CheckRequest> requests(TargetFarm target, int count, String jobId) {
        Instant now = Instant.now();
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public CheckRequest next() {
                if (i >= count) {
                    throw new NoSuchElementException();
                }
                String url = url(target, i);
                String host = target.config().hosts().get(i % target.config().hosts().size());
                CheckRequest request = new CheckRequest(CheckRequest.SCHEMA_VERSION, jobId + "-" + i, jobId, url, url, host, now);
                i++;
                return request;
            }
        };
    }

    /** Replaces {@link #DEFAULT_WORKER_JVM} as what workers get without {@code --worker-jvm}, for a scenario that needs another heap. */
    public void defaultWorkerJvm(String jvm) {
        this.defaultWorkerJvm = jvm;
    }

    /**
     * JVM options for a worker: {@code --worker-jvm}, plus a JFR recording with {@code --jfr}, plus
     * async-profiler's collapsed stacks with {@code --async-profiler cpu|wall|alloc|itimer}.
     */
    public List<String> workerJvm(String name) {
        List<String> jvm = new ArrayList<>(Arrays.asList(options.string("worker-jvm", defaultWorkerJvm).trim().split("\\s+")));
        if (options.flag("jfr", false)) {
            jvm.add("-XX:StartFlightRecording=filename=" + runDir.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        }
        String event = options.string("async-profiler", "");
        if (!event.isEmpty()) {
            String interval = event.equals("cpu") || event.equals("itimer") ? ",interval=1ms" : ""; // else the agent's defaults
            jvm.add("-agentpath:" + asyncProfilerLibrary() + "=start,event=" + event + interval
                    + ",cstack=vm,collapsed,file=" + runDir.resolve(name + "." + event + ".collapsed"));
        }
        return jvm;
    }

    /** The agent unpacked by the bench's build (pom.xml) for this machine's architecture. */
    private Path asyncProfilerLibrary() {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "linux-arm64" : "linux-x64";
        Path library = home.resolve("bench/target/async-profiler").resolve(arch).resolve("libasyncProfiler.so");
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("no async-profiler agent at " + library + "; bench/bench unpacks it when it builds the bench, on Linux");
        }
        return library;
    }

    /**
     * Starts one worker with its own {@code urlcheck.worker.*} keys: loopback allowed (the address policy would block every
     * target otherwise), {@code maxInFlight} and {@code maxPerHost}, and a short drain grace so a run ends fast.
     */
    public ServiceProcess startWorker(String name, String bootstrap, int maxInFlight, int maxPerHost) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", bootstrap);
        props.put("urlcheck.worker.allow-cidrs", "127.0.0.0/8");
        if (maxInFlight > 0) {
            props.put("urlcheck.worker.max-in-flight", Integer.toString(maxInFlight));
        }
        if (maxPerHost > 0) {
            props.put("urlcheck.worker.max-per-host", Integer.toString(maxPerHost));
        }
        // Unset, the worker's own default window applies (4 x max-in-flight, at least 2,048), as for a user who
        // raises max-in-flight alone. The bench used to set 2 x for P2, a ratio left from an older default.
        int maxPending = options.integer("max-pending", 0);
        if (maxPending > 0) {
            props.put("urlcheck.worker.max-pending", Integer.toString(maxPending));
        }
        props.put("urlcheck.worker.id", name);
        props.put("urlcheck.worker.drain-grace", "2s");
        return startService(name, workerJar(), workerJvm(name), props);
    }

    /**
     * Starts {@code jar} as {@code name} with {@code jvm} and {@code properties} on a free HTTP port, so it never
     * collides with a service another engineer runs on its fixed port; its log goes to the run directory.
     */
    public ServiceProcess startService(String name, Path jar, List<String> jvm, Map<String, String> properties) {
        int port = Ports.free();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.port", Integer.toString(port));
        all.putAll(properties);
        return new ServiceProcess(name, jar, port, jvm, all, Map.of(), runDir.resolve(name + ".log")).start();
    }

    /** POSTs the URL list {@code file} to {@code producer} as job {@code jobId}, as text/plain, as {@code ./urlcheck submit} does. */
    public static HttpResponse<String> postJob(HttpClient http, ServiceProcess producer, Path file, String jobId)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(producer.baseUrl() + "/api/jobs?jobId=" + jobId))
                        .header("Content-Type", "text/plain").header(ApiHeaders.CLIENT, "urlcheck-bench")
                        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Fails with the log's tail when {@code service} has died. */
    public static void requireAlive(ServiceProcess service) {
        if (!service.process().isAlive()) {
            throw new IllegalStateException(service.name() + " exited with " + service.process().exitCode()
                    + "; log tail:\n" + service.process().logTail(40));
        }
    }

    /** Which build of each service this invocation ran: its application jar's modification time and size. */
    public synchronized Map<String, String> serviceJars() {
        return Map.copyOf(serviceJars);
    }

    private static String describeBuild(Path runJar) {
        try (var files = Files.list(runJar.getParent().resolve("app"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).findFirst().map(f -> {
                try {
                    return f.getFileName() + " built " + Files.getLastModifiedTime(f) + ", " + Files.size(f) + " bytes";
                } catch (IOException e) {
                    return f.getFileName().toString();
                }
            }).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Prints a progress line to stderr, so stdout stays the table. */
    public static void log(String format, Object... args) {
        System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    }
}
