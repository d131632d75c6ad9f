package io.urlcheck.bench;

import java.util.concurrent.CountDownLatch;

/** {@code bench target}: the loopback target alone, for wrk or a manual run, until Ctrl-C. */
final class TargetCommand {

    private TargetCommand() {
    }

    static void run(Bench bench) throws InterruptedException {
        Options o = bench.options();
        TargetFarm target = TargetFarm.start(new TargetFarm.Config(Hosts.first(o.integer("hosts", 64)),
                o.integer("port", 18080), o.integer("target-loops", 2), o.integer("latency-ms", 0),
                o.integer("body-bytes", 2048), o.string("title", "urlcheck bench page"), o.flag("keep-alive", true)));
        TargetFarm.Config c = target.config();
        System.out.printf("target on %s..%s port %d, %d event loops, latency %d ms, body %d B, keep-alive %s%n",
                c.hosts().get(0), c.hosts().get(c.hosts().size() - 1), c.port(), c.eventLoops(), c.latencyMs(),
                c.bodyBytes(), c.keepAlive());
        System.out.println("e.g. wrk -t1 -c100 -d5s " + target.url(0, "/"));
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            target.close();
            forever.countDown();
        }));
        forever.await();
    }
}
