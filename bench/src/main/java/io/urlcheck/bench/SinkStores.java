package io.urlcheck.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.management.OperatingSystemMXBean;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.sink.store.ResultStore;
import io.urlcheck.sink.store.json.JsonResultStore;
import io.urlcheck.sink.store.postgres.PostgresResultStore;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code bench/bench sink}: the sink's stores (bench/sink/README.md). Ingest goes through the stores exactly as the
 * consumer drives them: batches of 2,000 (the consumer's max.poll.records), each made durable before the next (a
 * committed transaction; an fsynced append). The summary is timed over HTTP against the packaged sink started on
 * the ingested data. Appends one JSON line to {@code sink.jsonl}.
 */
public final class SinkStores {

    static final int BATCH = 2_000;
    private static final String[] OUTCOMES_FAIL = {"HTTP_ERROR", "TIMEOUT", "CONNECTION_REFUSED", "DNS_FAILURE"};

    private SinkStores() {
    }

    public static void run(Bench bench) throws Exception {
        Options opts = bench.options();
        int n = opts.integer("count", 1_000_000);
        int calls = opts.integer("summary-calls", 21);
        Logger.getLogger("org.flywaydb").setLevel(Level.WARNING);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("bench", "sink");
        record.put("at", Instant.now().toString());
        record.put("results", n);
        record.put("batch", BATCH);
        record.put("cpus", Runtime.getRuntime().availableProcessors());
        record.put("loadAverageAtStart", Machine.loadAverage());

        if (!opts.flag("skip-postgres", false)) {
            try (PostgresServer pg = PostgresServer.start(true)) {
                String url = pg.createDatabase("bench");
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setUrl(url);
                ds.setUser(PostgresServer.USER);
                Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
                try (ResultStore store = new PostgresResultStore(connectionPerThread(ds))) {
                    double cpu0 = cpuSeconds();
                    double rate = ingest(store, n, "postgres");
                    double cpu = cpuSeconds() - cpu0;
                    record.put("postgresResultsPerSecond", Math.round(rate));
                    record.put("postgresIngestCpuSeconds", Math.round(cpu * 10) / 10.0);
                    record.put("postgresResultsPerCpuSecond", Math.round(n / cpu));
                }
                record.put("postgresSummaryMedianMs", summaryMedian(bench, calls, Map.of(
                        "urlcheck.sink.store", "postgres", "quarkus.datasource.jdbc.url", url,
                        "quarkus.datasource.username", PostgresServer.USER, "quarkus.datasource.password", "")));
            }
        }
        if (!opts.flag("skip-json", false)) {
            Path dir = Files.createTempDirectory("urlcheck-bench-json-");
            try {
                double rate;
                double cpu0 = cpuSeconds();
                try (ResultStore store = new JsonResultStore(dir, Duration.ofSeconds(1))) {
                    rate = ingest(store, n, "json");
                }
                double cpu = cpuSeconds() - cpu0;
                record.put("jsonResultsPerSecond", Math.round(rate));
                record.put("jsonIngestCpuSeconds", Math.round(cpu * 10) / 10.0);
                record.put("jsonLogBytes", Files.size(dir.resolve(JsonResultStore.RESULTS_LOG)));
                // The index's budget is an estimate on the safe side; 1,000,000 URLs need more than half of 3 GB by it.
                record.put("jsonSummaryMedianMs", summaryMedian(bench, calls, Map.of(
                        "urlcheck.sink.store", "json", "urlcheck.sink.json.dir", dir.toString(),
                        "urlcheck.sink.json.index-heap-percent", "75")));
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        record.put("loadAverageAtEnd", Machine.loadAverage());
        String json = encode(record);
        System.out.println(json);
        Path results = bench.resultsDir();
        Files.createDirectories(results);
        Files.writeString(results.resolve("sink.jsonl"), json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Stores n generated results in batches; returns results per second. */
    static double ingest(ResultStore store, int n, String name) {
        Random random = new Random(42);
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        long start = System.nanoTime();
        for (int i = 0; i < n; i += BATCH) {
            List<CheckResult> batch = new ArrayList<>(BATCH);
            for (int j = i; j < Math.min(n, i + BATCH); j++) {
                batch.add(result(j, random, t0));
            }
            store.storeResults(batch);
            if ((i / BATCH) % 50 == 0) {
                double secs = (System.nanoTime() - start) / 1e9;
                System.err.printf("%s: %,d stored, %.0f/s%n", name, i + batch.size(), (i + batch.size()) / Math.max(secs, 1e-3));
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = n / secs;
        System.err.printf("%s: %,d results in %.1f s = %,.0f results/s%n", name, n, secs, rate);
        return rate;
    }

    static CheckResult result(int i, Random random, Instant t0) {
        String host = "host" + (i % 10_000) + ".bench.test";
        String url = "http://" + host + "/page/" + i;
        int roll = random.nextInt(100);
        boolean ok = roll < 85;
        Outcome outcome = ok ? Outcome.OK : Outcome.valueOf(OUTCOMES_FAIL[roll % OUTCOMES_FAIL.length]);
        Integer status = ok ? Integer.valueOf(200) : outcome == Outcome.HTTP_ERROR ? Integer.valueOf(roll % 2 == 0 ? 404 : 503) : null;
        long rt = (long) Math.min(30_000, Math.exp(random.nextGaussian() + 4.5));
        return CheckResult.builder().jobId("bench-" + (i % 10)).input(url).url(url).outcome(outcome).statusCode(status)
                .responseTimeMs(outcome == Outcome.CONNECTION_REFUSED ? null : rt).title(ok ? "Page " + i + " of " + host : null)
                .finalUrl(url).contentType(ok ? "text/html" : null).contentLength(ok ? 5_000L + i % 1000 : null)
                .error(ok ? null : outcome.name().toLowerCase()).attempts(1).checkedAt(t0.plusMillis(i)).workerId("bench").build();
    }

    /**
     * Starts the packaged sink on the stored data and times /api/summary. The sink reads nothing from Kafka here, but
     * it is ready only once its dead-letter producer reaches a broker, so it gets the bench's (empty) broker.
     */
    static Map<String, Object> summaryMedian(Bench bench, int calls, Map<String, String> props) throws Exception {
        try (BenchKafka kafka = BenchKafka.start()) {
            return summaryMedian(bench, calls, props, kafka.bootstrapServers());
        }
    }

    private static Map<String, Object> summaryMedian(Bench bench, int calls, Map<String, String> props, String bootstrap)
            throws Exception {
        String store = props.get("urlcheck.sink.store");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("kafka.bootstrap.servers", bootstrap);
        // Every call computes afresh: the figure is the cost of a summary, not of the cache.
        all.put("urlcheck.sink.summary-max-age", "0s");
        all.put("quarkus.log.category.\"org.apache.kafka\".level", "ERROR");
        all.putAll(props);
        ServiceProcess sink = bench.startService("sink-" + store, bench.sinkJar(), List.of("-Xmx3g"), all);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest summary = HttpRequest.newBuilder(URI.create(sink.baseUrl() + "/api/summary"))
                .timeout(Duration.ofMinutes(5)).build();
        // The JSON store replays its log in the background and is ready once done; wait for that, not just a listener.
        HttpRequest ready = HttpRequest.newBuilder(URI.create(sink.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofMinutes(5)).build();
        try {
            long startedAt = System.nanoTime();
            int readyStatus = -1;
            while (readyStatus != 200) {
                Bench.requireAlive(sink);
                try {
                    HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                    if (r.body().contains("JSON store full")) {
                        throw new IllegalStateException("the sink's JSON index does not fit its heap: " + r.body());
                    }
                    readyStatus = r.statusCode();
                } catch (IOException notYet) {
                    readyStatus = -1;
                }
                if (readyStatus != 200) {
                    TimeUnit.MILLISECONDS.sleep(200); // polling for the process to be ready; not a test
                }
            }
            HttpResponse<String> first = http.send(summary, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                throw new IllegalStateException("summary answered " + first.statusCode() + ": " + first.body());
            }
            double firstAnswerSeconds = (System.nanoTime() - startedAt) / 1e9;
            // The first answer computed the summary; time one more computation by changing nothing but
            // the job scope (uncached): a job's summary reads its rows from job_latest / the job index.
            long cold = System.nanoTime();
            HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(sink.baseUrl()
                    + "/api/summary?jobId=bench-0")).timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
            long jobSummaryMs = (System.nanoTime() - cold) / 1_000_000;
            long[] ms = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = http.send(summary, HttpResponse.BodyHandlers.ofString());
                ms[i] = (System.nanoTime() - t) / 1_000_000;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("summary answered " + r.statusCode() + ": " + r.body());
                }
            }
            Arrays.sort(ms);
            String body = first.body();
            System.err.printf("%s summary: median %d ms (min %d, max %d) over %d calls; %s%n", store,
                    ms[calls / 2], ms[0], ms[calls - 1], calls, body.substring(0, Math.min(160, body.length())));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("medianMs", ms[calls / 2]);
            out.put("minMs", ms[0]);
            out.put("maxMs", ms[calls - 1]);
            out.put("calls", calls);
            out.put("firstAnswerAfterStartSeconds", Math.round(firstAnswerSeconds * 10) / 10.0);
            out.put("uncachedJobSummaryMs", job.statusCode() == 200 ? jobSummaryMs : -1);
            return out;
        } finally {
            sink.stop(Duration.ofSeconds(30));
        }
    }

    /**
     * A DataSource giving each thread one connection of its own, kept open (close() is ignored), as a
     * pool does: the store writes a large batch in parts on several connections at once.
     */
    static DataSource connectionPerThread(DataSource real) {
        ThreadLocal<Connection> own = ThreadLocal.withInitial(() -> {
            try {
                return real.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to the bench database", e);
            }
        });
        return (DataSource) Proxy.newProxyInstance(SinkStores.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, margs) -> {
                    if (!method.getName().equals("getConnection")) {
                        return null;
                    }
                    Connection c = own.get();
                    return Proxy.newProxyInstance(SinkStores.class.getClassLoader(), new Class<?>[]{Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    return null;
                                }
                                try {
                                    return m.invoke(c, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause(); // the SQLException itself, as the store expects
                                }
                            });
                });
    }

    /** CPU seconds used so far by this JVM and by the benchmark's PostgreSQL server processes. */
    static double cpuSeconds() {
        double own = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        double pg = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("urlcheck-pg-"))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .distinct()
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
                .sum();
        return own + pg;
    }

    private static String encode(Map<String, Object> record) {
        try {
            return JsonCodec.mapper().writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the record", e);
        }
    }
}
