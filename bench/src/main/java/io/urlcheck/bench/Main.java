package io.urlcheck.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point: {@code bench <scenario> [--option value ...]}; see bench/README.md. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || Arrays.asList(args).contains("--help")) {
            usage();
            return;
        }
        Path home = Path.of(System.getProperty("urlcheck.home", ".")).toAbsolutePath().normalize();
        Bench bench = new Bench(home, Options.parse(args, 1));
        switch (args[0]) {
            case "target" -> TargetCommand.run(bench);
            case "ceiling" -> Ceiling.run(bench);
            case "p1" -> P1Throughput.run(bench);
            case "p2" -> P2LittlesLaw.run(bench, P2LittlesLaw.Regime.LATENCY);
            case "p2-cpu" -> P2LittlesLaw.run(bench, P2LittlesLaw.Regime.CPU);
            case "p3" -> P3EndToEnd.run(bench);
            case "p4" -> P4Memory.run(bench);
            case "p5" -> P5ScaleOut.run(bench);
            case "cold" -> ColdRun.run(bench);
            case "stack" -> StackSubmit.run(bench);
            case "sink" -> SinkStores.run(bench);
            case "producer" -> ProducerIngest.run(bench);
            case "jfr-top" -> JfrTop.run(bench);
            case "stacks-top" -> StacksTop.run(bench);
            default -> {
                usage();
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void usage() {
        System.out.println("""
                usage: bench/bench <scenario> [--name value ...]
                  target   run the loopback target alone (--hosts 64 --latency-ms 0 --keep-alive true --port 18080)
                  ceiling  wrk against the target, keep-alive and Connection: close
                  p1       one worker, as deployed, vs the asyncio checker, 200,000 URLs at 0 ms (keep-alive and new connections)
                  p2       latency-bound: 1,000 hosts, 1 s latency, 8 per host, 4,000 in flight, 200,000 URLs, the worker on deploy's flags; worker vs asyncio, % of 4,000 URL/s (--ceiling false skips wrk)
                  p2-cpu   CPU-bound: 64 hosts, 100 ms latency, 2,000 in flight, 40,000 URLs; worker vs asyncio, % of 20,000 URL/s (no target)
                  p3       end to end: 100,000 URLs via producer, worker, Kafka and sink into PostgreSQL
                  p4       worker peak RSS with 10,000 vs 1,000,000 requests queued
                  p5       scale-out: 1, 2 and 4 workers at 1 s latency, 100 in flight each, 16 partitions
                  cold     ./urlcheck run as a whole command vs the asyncio checker's, 1,000 and 10,000 URLs (--urls 1000,10000 --concurrency 256)
                  stack    ./urlcheck up, then submit --wait of 100,000 URLs as a whole command vs the asyncio checker's (--urls 100000 --workers 1)
                  sink     the sink's stores: 1,000,000 results into PostgreSQL and into the JSON store, then GET /api/summary (--count N --summary-calls 21 --skip-json --skip-postgres)
                  producer producer ingest: POST 100,000 and 1,000,000 URLs, URLs/s and peak RSS (--sizes 100000,1000000 --warmup 200000 --producer-jvm -Xmx256m --keep)
                  jfr-top  summarize a JFR recording (--file x.jfr): hottest methods and allocation
                  stacks-top  summarize async-profiler's collapsed stacks (--file x.cpu.collapsed), kernel frames included
                common: --runs 3  --jfr (record each worker)  --async-profiler cpu|wall|alloc (profile each worker)  --worker-jvm "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:NewRatio=1 -XX:SurvivorRatio=4"  --peer PATH  --target-loops 2  --results DIR (where records go)""");
    }
}
