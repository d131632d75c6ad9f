package io.urlcheck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.testkit.postgres.PostgresServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P3: end to end. 100,000 URLs in a file are POSTed to the producer ({@code /api/jobs}, text/plain), which
 * publishes requests; one worker checks them; the sink stores the results in PostgreSQL. The clock runs
 * from the POST until the sink's {@code GET /api/jobs/{id}} says {@code done}. Each run also measures the
 * worker alone (P1's keep-alive setup) side by side. Target: end to end ≥ 50 % of the worker-only rate.
 * Where the time goes: the producer's ingest (POST until 202), the worker's window (first to last
 * result), and the sink's lag (the worker's last result until the sink has everything).
 */
final class P3EndToEnd {

    private P3EndToEnd() {
    }

    static void run(Bench bench) {
        Options o = bench.options();
        Load load = Load.read(o, 100_000, 100, 0, 8, l -> 8);
        int baselineCount = o.integer("baseline-urls", 20_000);
        String store = o.string("store", "postgres");
        List<Double> ratios = new ArrayList<>();
        List<Double> e2eRates = new ArrayList<>();
        List<Double> baseRates = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        PostgresServer pg = store.equals("postgres") ? PostgresServer.start(o.flag("pg-fsync", true)) : null;
        try (BenchKafka kafka = BenchKafka.start(); TargetFarm target = load.target(bench, true)) {
            for (int run = 1; run <= bench.runs(); run++) {
                WorkerRun.Figures base = WorkerRun.measure(bench, kafka, target, load.withUrls(baselineCount), "p3-base-" + run);
                Map<String, Object> e2e = endToEnd(bench, kafka, target, pg, load, store, run);
                double rate = (Double) e2e.get("urlsPerSecond");
                e2eRates.add(rate);
                baseRates.add(base.urlsPerSecond());
                ratios.add(rate / base.urlsPerSecond());
                e2e.put("workerOnly", base.asMap());
                runs.add(e2e);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
        double ratio = Stats.median(ratios);
        Report report = new Report("p3", bench)
                .put("urls", load.urls()).put("store", store).put("concurrency", load.concurrency()).put("runs", runs)
                .put("medianEndToEnd", Stats.median(e2eRates)).put("medianWorkerOnly", Stats.median(baseRates))
                .put("medianRatio", ratio).put("met", ratio >= 0.5)
                .row("figure (median of " + runs.size() + ")", "value");
        report.row("end to end URL/s", Stats.median(e2eRates))
                .row("worker-only URL/s (P1 setup, same run)", Stats.median(baseRates))
                .row("ratio (target >= 0.50)", ratio)
                .row("met", ratio >= 0.5 ? "yes" : "NO");
        for (String key : List.of("producerIngestSeconds", "postToFirstResultSeconds", "workerWindowSeconds",
                "sinkLagSeconds", "totalSeconds")) {
            report.row(key, Stats.median(runs.stream().map(r -> (Double) r.get(key)).toList()));
        }
        report.finish(bench.resultsDir());
    }

    private static Map<String, Object> endToEnd(Bench bench, BenchKafka kafka, TargetFarm target, PostgresServer pg,
                                                Load load, String store, int run) {
        int count = load.urls();
        String name = "p3-e2e-" + run;
        String jobId = "bench-p3-" + run + "-" + System.currentTimeMillis();
        Path urls = bench.writeUrls(target, count, name);
        kafka.reset(load.partitions());
        Map<String, String> sinkProps = new LinkedHashMap<>();
        sinkProps.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        sinkProps.put("urlcheck.sink.store", store);
        if (pg != null) {
            sinkProps.put("quarkus.datasource.jdbc.url", pg.createDatabase("bench_" + run + "_" + System.currentTimeMillis() % 100000));
            sinkProps.put("quarkus.datasource.username", PostgresServer.USER);
            sinkProps.put("quarkus.datasource.password", "");
        } else {
            sinkProps.put("urlcheck.sink.json.dir", bench.runDir().resolve(name + "-sink-data").toString());
        }
        List<String> jvm = List.of(bench.options().string("service-jvm", "-Xmx512m").split("\\s+"));
        List<ServiceProcess> services = new ArrayList<>();
        try (ResultWatcher watcher = new ResultWatcher(kafka.bootstrapServers(), true)) {
            ServiceProcess sink = bench.startService(name + "-sink", bench.sinkJar(), jvm, sinkProps);
            services.add(sink);
            ServiceProcess worker = bench.startWorker(name + "-worker", kafka.bootstrapServers(), load.concurrency(),
                    load.maxPerHost());
            services.add(worker);
            ServiceProcess producer = bench.startService(name + "-producer", bench.producerJar(), jvm,
                    Map.of("kafka.bootstrap.servers", kafka.bootstrapServers()));
            services.add(producer);
            for (ServiceProcess s : services) {
                s.awaitReady(Duration.ofSeconds(180));
            }
            kafka.awaitWorkerGroup(1, load.partitions(), Duration.ofSeconds(120));
            HttpClient http = HttpClient.newHttpClient();
            long t0 = System.currentTimeMillis();
            HttpResponse<String> accepted = Bench.postJob(http, producer, urls, jobId);
            long tIngested = System.currentTimeMillis();
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("producer answered " + accepted.statusCode() + ": " + accepted.body());
            }
            Bench.log("%s: producer took %d URLs in %.2f s: %s", name, count, (tIngested - t0) / 1000.0, accepted.body());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(bench.options().integer("timeout-s", 900));
            JsonNode job;
            HttpRequest progress = HttpRequest.newBuilder(URI.create(sink.baseUrl() + "/api/jobs/" + jobId)).build();
            while (true) {
                services.forEach(Bench::requireAlive);
                HttpResponse<String> r = http.send(progress, HttpResponse.BodyHandlers.ofString());
                job = r.statusCode() == 200 ? JsonCodec.mapper().readTree(r.body()) : null;
                if (job != null && job.path("done").asBoolean(false)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": sink not done; last answer " + r.statusCode() + " " + r.body()
                            + "; worker results " + watcher.distinct());
                }
                TimeUnit.MILLISECONDS.sleep(100); // polling the sink's job progress
            }
            long tDone = System.currentTimeMillis();
            Map<String, Object> f = new LinkedHashMap<>();
            double total = (tDone - t0) / 1000.0;
            f.put("urls", count);
            f.put("urlsPerSecond", Stats.round(count / total, 1));
            f.put("totalSeconds", Stats.round(total, 3));
            f.put("producerIngestSeconds", Stats.round((tIngested - t0) / 1000.0, 3));
            ResultWatcher.Window window = watcher.window();
            f.put("postToFirstResultSeconds", Stats.round((window.first() - t0) / 1000.0, 3));
            f.put("workerWindowSeconds", Stats.round(window.seconds(), 3));
            f.put("sinkLagSeconds", Stats.round((tDone - window.last()) / 1000.0, 3));
            f.put("workerResults", watcher.distinct());
            f.put("outcomes", watcher.outcomes());
            f.put("sinkJob", job);
            f.put("peakRssMib", Map.of("producer", Stats.round(ProcStatus.peakRssMib(producer), 1),
                    "worker", Stats.round(ProcStatus.peakRssMib(worker), 1), "sink", Stats.round(ProcStatus.peakRssMib(sink), 1)));
            f.put("cpuSeconds", Map.of("producer", Stats.round(ProcStatus.cpuSeconds(producer), 1),
                    "worker", Stats.round(ProcStatus.cpuSeconds(worker), 1), "sink", Stats.round(ProcStatus.cpuSeconds(sink), 1)));
            Bench.log("%s: %s", name, f);
            return f;
        } catch (IOException e) {
            throw new IllegalStateException(name + ": HTTP to a service failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        } finally {
            services.forEach(ServiceProcess::terminate);
            services.forEach(ServiceProcess::close);
        }
    }
}
