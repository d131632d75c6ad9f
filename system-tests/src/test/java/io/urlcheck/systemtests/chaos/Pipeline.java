package io.urlcheck.systemtests.chaos;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.launcher.client.ApiException;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.client.Submission;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.StackConfig;
import io.urlcheck.systemtests.support.SaslPlainListener;
import io.urlcheck.testkit.ExportedResults;
import io.urlcheck.testkit.postgres.PostgresServer;
import io.urlcheck.testkit.tls.SelfSignedKeyStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chaos harness: the launcher's {@link LocalStack} (a KRaft broker and the packaged services as
 * child JVMs it can kill), loopback targets on one host per request partition, optionally a real
 * PostgreSQL for the sink, and the accounting check at the end of every run. Each run gets a fresh
 * directory under {@code system-tests/target/chaos/}, where every process's log stays for inspection.
 */
public final class Pipeline implements AutoCloseable {

    /** How long a run may take to account for every input after its fault. */
    public static final Duration PATIENCE = Duration.ofMinutes(4);
    /** Kafka's default session timeout is 45 s; the runs shorten it so a killed member's partitions move sooner. */
    static final String SESSION_TIMEOUT_MS = "8000";
    static final String HEARTBEAT_MS = "2000";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String scenario;
    private final Store store;
    private final String token;
    private final LocalStack stack;
    private final TargetFleet fleet;
    private final PostgresServer postgres;
    private final ProducerClient producer;
    private final SinkClient sink;
    private final long startedNanos;
    private final Duration startup;

    private Pipeline(Builder b, LocalStack stack, TargetFleet fleet, PostgresServer postgres, long startedNanos) {
        this.scenario = b.scenario;
        this.store = b.store;
        this.token = b.token;
        this.stack = stack;
        this.fleet = fleet;
        this.postgres = postgres;
        this.producer = new ProducerClient(stack.producerUrl(), b.token);
        this.sink = new SinkClient(stack.sinkUrl(), b.token);
        this.startedNanos = startedNanos;
        this.startup = Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** A run called {@code scenario} (its directory and its accounting line). */
    public static Builder builder(String scenario) {
        return new Builder(scenario);
    }

    /** The repository root: system property {@code urlcheck.home} (set by failsafe), else the parent directory. */
    public static Path home() {
        String home = System.getProperty("urlcheck.home");
        return (home == null || home.isBlank() ? Path.of("..") : Path.of(home)).toAbsolutePath().normalize();
    }

    /** Submits {@code urls} as job {@code jobId} and returns the producer's receipt (after Kafka acked everything). */
    public Submission submit(String jobId, List<String> urls) {
        byte[] body = (String.join("\n", urls) + "\n").getBytes(StandardCharsets.UTF_8);
        return submit(jobId, () -> new ByteArrayInputStream(body));
    }

    /**
     * Submits a streamed body as job {@code jobId}. A refusal fails the run with the producer's and the broker's
     * warnings and errors in the message, since the run's directory is gone with the CI machine.
     */
    public Submission submit(String jobId, Supplier<InputStream> body) {
        try {
            return producer.submit(body, jobId);
        } catch (ApiException e) {
            throw new AssertionError("submitting " + jobId + ": " + e.getMessage()
                    + warnings("producer.log") + warnings("kafka.log"), e);
        }
    }

    /**
     * One process's warnings and errors in this run, as lines to append to a failure: each distinct one (told
     * apart with digits masked, so a retry loop's thousand lines are one) at its first occurrence with its count,
     * with the exception line that follows an error, since the broker logs its reason there. Errors come first.
     */
    private String warnings(String log) {
        Path file = stack.logDir().resolve(log);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Map<String, Integer> counts = new LinkedHashMap<>();
            Map<String, String> first = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!(line.contains("WARN") || line.contains("ERROR") || line.contains("[error"))) {
                    continue;
                }
                String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
                String entry = line.contains("ERROR") && next.contains("Exception") ? line + " | " + next.strip() : line;
                String shape = entry.replaceAll("[0-9]+", "#");
                counts.merge(shape, 1, Integer::sum);
                first.putIfAbsent(shape, entry);
            }
            StringBuilder out = new StringBuilder(System.lineSeparator()).append("--- ").append(file).append(" (")
                    .append(counts.size()).append(" distinct warnings and errors, errors first, up to 20, each with its count)");
            first.entrySet().stream().sorted(Comparator.comparing(e -> !e.getValue().contains("ERROR"))).limit(20).forEach(e -> out.append(System.lineSeparator())
                    .append(counts.get(e.getKey())).append("x ").append(e.getValue()));
            return out.toString();
        } catch (IOException | UncheckedIOException e) {
            return System.lineSeparator() + "--- " + file + ": unreadable (" + e.getMessage() + ")";
        }
    }

    /** The sink's view of the job; empty while it has not heard of it or cannot be reached. */
    public Optional<JobStatus> job(String jobId) {
        try {
            return sink.job(jobId);
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    /** Waits until the sink has at least {@code checked} results of the job: the moment to strike. */
    public JobStatus awaitChecked(String jobId, long checked) {
        await("job " + jobId + " has " + checked + " results").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId).filter(j -> j.checked() >= checked).isPresent());
        return job(jobId).orElseThrow();
    }

    /** HTTP status of the sink's readiness probe, or -1 when nothing answers. */
    public int sinkReadiness() {
        return probe(stack.sinkUrl() + "/q/health/ready");
    }

    /** HTTP status of {@code GET url} with no credentials, or -1 when nothing answers. */
    public static int probe(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Waits until the job is done, then checks the accounting identity for {@code urls}: the job's totals
     * add up and count each input once, and the sink's latest state holds exactly one result per input.
     * Prints (and appends to {@code target/chaos/accounting.txt}) one {@link Accounting#line()}.
     */
    public Accounting assertAccounted(String jobId, List<String> urls) {
        JobStatus done = awaitDone(jobId, urls.size());
        Duration wall = Duration.ofNanos(System.nanoTime() - startedNanos).minus(startup);
        Accounting accounting = account(jobId, urls, wall);
        report(accounting);
        assertThat(done.submitted()).as("submitted").isEqualTo(urls.size());
        assertThat(done.accepted() + done.rejected() + done.duplicates() + done.skipped())
                .as("submitted == accepted + rejected + duplicates + skipped").isEqualTo(done.submitted());
        assertThat(done.expected()).as("expected results").isEqualTo(urls.size());
        assertThat(accounting.missing()).as("inputs without a result").isEmpty();
        assertThat(accounting.unexpected()).as("results for URLs never submitted").isEmpty();
        assertThat(accounting.latestDuplicates()).as("duplicates in the latest state").isZero();
        assertThat(accounting.out()).as("N out").isEqualTo(accounting.in());
        return accounting;
    }

    /** Waits until the sink reports the job done with at least {@code expected} results. */
    public JobStatus awaitDone(String jobId, long expected) {
        await("job " + jobId + " done with " + expected + " results").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> job(jobId).filter(j -> j.done() && j.checked() >= expected).isPresent());
        return job(jobId).orElseThrow();
    }

    private Accounting account(String jobId, List<String> urls, Duration wall) {
        Map<String, Integer> latest;
        try (InputStream in = sink.export(Map.of("jobId", jobId), "jsonl")) {
            latest = ExportedResults.perUrl(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the sink's latest results of " + jobId, e);
        }
        Set<String> inputs = new HashSet<>(urls);
        List<String> missing = urls.stream().filter(u -> !latest.containsKey(u)).toList();
        List<String> unexpected = latest.keySet().stream().filter(u -> !inputs.contains(u)).toList();
        int latestDuplicates = latest.values().stream().mapToInt(c -> c - 1).sum();
        long historyDuplicates = 0;
        for (String url : urls) {
            historyDuplicates += Math.max(0, historySize(url) - 1);
        }
        int out = (int) latest.keySet().stream().filter(inputs::contains).count();
        return new Accounting(scenario, store, urls.size(), out, latestDuplicates, missing, unexpected,
                historyDuplicates, startup, wall);
    }

    /** How many checks of {@code url} the sink keeps ({@code GET /api/results/lookup}); 0 when unknown. */
    public int historySize(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.sinkUrl() + "/api/results/lookup?url="
                + URLEncoder.encode(url, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return 0;
            }
            assertThat(response.statusCode()).as("lookup of " + url).isEqualTo(200);
            return JsonCodec.decode(response.body(), Lookup.class).history().size();
        } catch (IOException e) {
            throw new UncheckedIOException("lookup of " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void report(Accounting accounting) {
        System.out.println(accounting.line());
        try {
            Path file = home().resolve("system-tests/target/chaos/accounting.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, accounting.line() + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the accounting line", e);
        }
    }

    /**
     * Keeps a fault in place for {@code length}: the outage itself, not a wait for anything to happen
     * (the tests then await the effects they assert).
     */
    public static void holdFault(Duration length) {
        try {
            Thread.sleep(length.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a fault", e);
        }
    }

    /** The launcher's stack: {@code kafka()}, {@code producer()}, {@code sink()}, {@code workers()}. */
    public LocalStack stack() {
        return stack;
    }

    /** The broker's SASL listener the services use ({@link Builder#kafkaSaslSsl}), or null. */
    public SaslPlainListener sasl() {
        return (SaslPlainListener) stack.config().listener();
    }

    /** The loopback targets. */
    public TargetFleet fleet() {
        return fleet;
    }

    /** The sink's PostgreSQL; null for the JSON store. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** The sink's API client (with the run's token, if any). */
    public SinkClient sink() {
        return sink;
    }

    /** The producer's API client (with the run's token, if any). */
    public ProducerClient producer() {
        return producer;
    }

    /** How long broker and services took to be ready. */
    public Duration startup() {
        return startup;
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            fleet.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** The body of {@code GET /api/results/lookup}. */
    record Lookup(CheckResult latest, List<CheckResult> history) {
    }

    /** Sets up a {@link Pipeline}. */
    public static final class Builder {
        private final String scenario;
        private Store store = Store.JSON;
        private int workers = 1;
        private String token;
        private String saslUser;
        private String saslPassword;
        private final Map<String, String> producerProps = new LinkedHashMap<>();
        private final Map<String, String> workerProps = new LinkedHashMap<>();
        private final Map<String, String> sinkProps = new LinkedHashMap<>();
        private Function<PostgresServer, Map<String, String>> database = Builder::superuserDatabase;

        private Builder(String scenario) {
            this.scenario = scenario;
            workerProps.put("urlcheck.worker.allow-cidrs", "127.0.0.0/8");
            workerProps.put("urlcheck.worker.max-per-host", "2");
            workerProps.put("urlcheck.worker.drain-grace", "10s");
            workerProps.put("mp.messaging.incoming.requests.session.timeout.ms", SESSION_TIMEOUT_MS);
            workerProps.put("mp.messaging.incoming.requests.heartbeat.interval.ms", HEARTBEAT_MS);
            for (String channel : List.of("results", "jobs")) {
                sinkProps.put("mp.messaging.incoming." + channel + ".session.timeout.ms", SESSION_TIMEOUT_MS);
                sinkProps.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", HEARTBEAT_MS);
            }
        }

        public Builder store(Store value) { store = value; return this; }
        public Builder workers(int value) { workers = value; return this; }
        /** Sets {@code urlcheck.api.token} on producer and sink; the clients then send it. */
        public Builder apiToken(String value) { token = value; return this; }
        /**
         * The services reach Kafka only over SASL_SSL, as this SASL/PLAIN user, trusting the broker's fresh
         * self-signed certificate given as PEM: the production overlay's protocol and truststore form.
         */
        public Builder kafkaSaslSsl(String username, String password) { saslUser = username; saslPassword = password; return this; }
        public Builder producer(String key, String value) { producerProps.put(key, value); return this; }
        public Builder worker(String key, String value) { workerProps.put(key, value); return this; }
        public Builder sink(String key, String value) { sinkProps.put(key, value); return this; }
        /**
         * With {@link Store#POSTGRES}: prepares the database on the started server (roles, grants, a migration) and
         * returns the sink's {@code quarkus.datasource.*} settings; by default a fresh database and the superuser.
         */
        public Builder database(Function<PostgresServer, Map<String, String>> value) { database = value; return this; }

        private static Map<String, String> superuserDatabase(PostgresServer postgres) {
            return Map.of("quarkus.datasource.jdbc.url", postgres.createDatabase("urlcheck"),
                    "quarkus.datasource.username", PostgresServer.USER);
        }

        /** Starts PostgreSQL (if needed), the targets and the stack, and waits until every service is ready. */
        public Pipeline start() {
            long t0 = System.nanoTime();
            PostgresServer postgres = null;
            TargetFleet fleet = null;
            try {
                Path runDir = home().resolve("system-tests/target/chaos/" + scenario + "-" + System.currentTimeMillis());
                StackConfig.Builder config = StackConfig.builder(home(), runDir).workers(workers);
                sinkProps.put("urlcheck.sink.store", store.property());
                if (store == Store.POSTGRES) {
                    postgres = PostgresServer.start(false);
                    sinkProps.putAll(database.apply(postgres));
                }
                if (token != null) {
                    producerProps.put("urlcheck.api.token", token);
                    sinkProps.put("urlcheck.api.token", token);
                }
                if (saslUser != null) {
                    config.listener(new SaslPlainListener(saslUser, saslPassword, brokerTls(runDir.resolve("tls"))));
                }
                producerProps.forEach(config::producer);
                workerProps.forEach(config::worker);
                sinkProps.forEach(config::sink);
                fleet = TargetFleet.start();
                LocalStack stack = LocalStack.start(config.build());
                return new Pipeline(this, stack, fleet, postgres, t0);
            } catch (RuntimeException e) {
                if (fleet != null) {
                    fleet.close();
                }
                if (postgres != null) {
                    postgres.close();
                }
                throw e;
            }
        }

        /** A fresh self-signed key store for the broker's 127.0.0.1, and its certificate for the services to trust. */
        private static SaslPlainListener.Tls brokerTls(Path dir) {
            try {
                SelfSignedKeyStore keyStore = SelfSignedKeyStore.create(Files.createDirectories(dir));
                return new SaslPlainListener.Tls(keyStore.path(), keyStore.password(), keyStore.certificatePem());
            } catch (IOException e) {
                throw new UncheckedIOException("could not create " + dir, e);
            }
        }
    }
}
