package io.urlcheck.bench;

import io.urlcheck.launcher.stack.ServiceProcess;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code bench/bench producer}: producer ingest throughput and memory. For each size (default 100,000 and 1,000,000
 * URLs over 1,000 hosts, like a crawl frontier) a fresh packaged producer (JVM options {@code --producer-jvm}, default
 * {@code -Xmx256m}) on the bench's broker takes a warm-up file, then the size's file {@code --runs} times, each POSTed
 * to {@code /api/jobs} as text/plain and timed until the 202, which comes only after Kafka acknowledged every record.
 * Reports the median URLs/s and the producer's peak RSS (VmHWM) and writes {@code producer-<time>.json}.
 */
public final class ProducerIngest {

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ProducerIngest() {
    }

    public static void run(Bench bench) throws Exception {
        Options options = bench.options();
        List<Integer> sizes = Arrays.stream(options.string("sizes", "100000,1000000").split(","))
                .map(s -> Integer.parseInt(s.trim().replace("_", ""))).toList();
        int runs = bench.runs();
        String jvm = options.string("producer-jvm", "-Xmx256m");
        Path work = Files.createDirectories(bench.runDir().resolve("producer"));
        Path warmup = urls(work.resolve("warmup.txt"), options.integer("warmup", 200_000)); // the JIT settles before timing
        HttpClient http = HttpClient.newHttpClient();
        List<String> results = new ArrayList<>();
        try (BenchKafka kafka = BenchKafka.start()) {
            for (int size : sizes) {
                Path file = urls(work.resolve("urls-" + size + ".txt"), size);
                ServiceProcess producer = bench.startService("producer-" + size, bench.producerJar(),
                        List.of(jvm.trim().split("\\s+")), Map.of("kafka.bootstrap.servers", kafka.bootstrapServers()));
                try {
                    producer.awaitReady(Duration.ofSeconds(120));
                    post(http, producer, warmup, "warmup-" + size + "-" + ProcessHandle.current().pid());
                    List<Long> rates = new ArrayList<>();
                    for (int run = 1; run <= runs; run++) {
                        long t0 = System.nanoTime();
                        long accepted = post(http, producer, file, "bench-" + size + "-" + run + "-" + ProcessHandle.current().pid());
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        if (accepted != size) {
                            throw new IllegalStateException("accepted " + accepted + " of " + size);
                        }
                        long rate = Math.round(size / seconds);
                        rates.add(rate);
                        System.out.printf("  %8d lines  run %d: %6.2f s  %8d URLs/s%n", size, run, seconds, rate);
                    }
                    long hwmMib = ProcStatus.peakRssKib(producer.process().pid()) / 1024;
                    long median = Math.round(Stats.median(rates.stream().map(Long::doubleValue).toList()));
                    System.out.printf("%8d lines: median %d URLs/s, peak RSS %d MiB%n", size, median, hwmMib);
                    results.add("{\"lines\": " + size + ", \"urlsPerSecondMedian\": " + median + ", \"urlsPerSecondRuns\": ["
                            + rates.stream().map(String::valueOf).collect(Collectors.joining(",")) + "], \"peakRssMiB\": " + hwmMib + "}");
                } finally {
                    producer.stop(Duration.ofSeconds(20));
                }
            }
        }
        if (!options.flag("keep", false)) {
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String load = Machine.loadAverage().split(" ")[0];
        String record = "{\"bench\": \"producer\", \"at\": \"" + at + "\", \"commit\": \"" + Machine.describe(bench.home()).get("gitCommit")
                + "\",\n \"cpus\": " + Runtime.getRuntime().availableProcessors() + ", \"loadAverage1m\": " + load
                + ", \"producerJavaOpts\": \"" + jvm + "\", \"runs\": " + runs + ",\n \"results\": [" + String.join(",", results) + "]}\n";
        Files.createDirectories(bench.resultsDir());
        Path out = bench.resultsDir().resolve("producer-" + FILE_TIME.format(at) + ".json");
        Files.writeString(out, record);
        System.out.println("wrote " + out);
    }

    /** POSTs {@code file} as job {@code jobId}; fails unless the answer is 202, and returns its {@code accepted} count. */
    private static long post(HttpClient http, ServiceProcess producer, Path file, String jobId) throws Exception {
        HttpResponse<String> response = Bench.postJob(http, producer, file, jobId);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("job " + jobId + " got HTTP " + response.statusCode() + ": " + response.body());
        }
        Matcher accepted = ACCEPTED.matcher(response.body());
        if (!accepted.find()) {
            throw new IllegalStateException("no accepted count in " + response.body());
        }
        return Long.parseLong(accepted.group(1));
    }

    /** Writes {@code lines} unique URLs over 1,000 hosts to {@code file}. */
    private static Path urls(Path file, int lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < lines; i++) {
                out.write("https://host-" + (i % 1000) + ".example.com/articles/" + i + "/page.html?ref=bench&id=" + i);
                out.newLine();
            }
        }
        return file;
    }
}
