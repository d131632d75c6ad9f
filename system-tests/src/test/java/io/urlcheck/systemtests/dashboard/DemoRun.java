package io.urlcheck.systemtests.dashboard;

import io.urlcheck.launcher.client.ProducerClient;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.TargetResponse;
import io.urlcheck.testkit.TargetServer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes the README's dashboard screenshot from a real run: a broker, the three packaged services as
 * processes, and about 1,000 loopback URLs of mixed behaviour (pages of varied speed, redirect chains,
 * 4xx/5xx, deadlines, refused ports, unresolvable and blocked hosts, TLS against plain HTTP, invalid
 * lines). Not a test; run it by hand after packaging the services:
 * <pre>
 * ./mvnw -B -q -pl system-tests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp system-tests/target/test-classes:$(cat system-tests/target/cp.txt) \
 *     io.urlcheck.systemtests.dashboard.DemoRun [urls] [png]
 * </pre>
 */
public final class DemoRun {

    private static final String JOB = "nightly-links";

    private DemoRun() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path repo = DashboardIT.repositoryRoot();
        Path png = args.length > 1 ? Path.of(args[1]).toAbsolutePath() : repo.resolve("docs/dashboard.png");
        Files.createDirectories(png.getParent());
        Path work = Files.createTempDirectory("urlcheck-demo-");
        Path logs = repo.resolve("system-tests/target/demo-logs");
        BrowserRun.prepare(repo);

        List<TargetServer> targets = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            targets.add(TargetServer.start("127.0.0." + i));
        }
        try (KafkaBroker broker = KafkaBroker.start();
             ServiceProcess sink = new ServiceProcess(repo, "sink-service", "sink", Ports.free(), Map.of(
                     "kafka.bootstrap.servers", broker.bootstrapServers(),
                     "urlcheck.sink.store", "json", "urlcheck.sink.json.dir", work.resolve("sink").toString()),
                     "384m", logs).start();
             ServiceProcess worker = new ServiceProcess(repo, "worker-service", "worker", Ports.free(), Map.of(
                     "kafka.bootstrap.servers", broker.bootstrapServers(),
                     "urlcheck.worker.allow-cidrs", "127.0.0.0/8",
                     "urlcheck.worker.request-timeout", "3s",
                     "urlcheck.worker.connect-timeout", "2s",
                     "urlcheck.worker.max-retries", "1"), "384m", logs).start();
             ServiceProcess producer = new ServiceProcess(repo, "producer-service", "producer", Ports.free(), Map.of(
                     "kafka.bootstrap.servers", broker.bootstrapServers()), "384m", logs).start()) {
            for (ServiceProcess service : List.of(sink, worker, producer)) {
                service.awaitReady(Duration.ofMinutes(2));
            }
            byte[] body = String.join("\n", lines(count, targets)).getBytes(StandardCharsets.UTF_8);
            Thread submit = new Thread(() -> System.out.println("producer answered "
                    + new ProducerClient(producer.baseUrl(), null).submit(() -> new ByteArrayInputStream(body), JOB)));
            submit.start();
            BrowserRun.Outcome shot = BrowserRun.node(repo, "dashboard-shot.mjs", Map.of(
                    "SINK_URL", sink.baseUrl(), "JOB_ID", JOB, "SCREENSHOT", png.toString()),
                    Duration.ofMinutes(20), System.out::println);
            submit.join();
            if (shot.exitCode() != 0) {
                throw new IllegalStateException("the screenshot failed:\n" + shot.output() + "\n" + sink.process().logTail(40));
            }
        } finally {
            targets.forEach(TargetServer::close);
        }
    }

    /** The submission: mostly healthy pages, a realistic tail of failures, a few duplicates and comments. */
    static List<String> lines(int count, List<TargetServer> targets) throws Exception {
        Random random = new Random(7);
        int closedPort = Ports.free(); // nothing listens there: connecting is refused
        List<String> lines = new ArrayList<>(List.of("# nightly link check", ""));
        String[] sections = {"docs", "blog", "shop", "help", "about", "news"};
        for (int i = 0; i < count; i++) {
            TargetServer target = targets.get(i % targets.size());
            String page = "/" + sections[random.nextInt(sections.length)] + "/" + i;
            int roll = random.nextInt(1000);
            if (roll < 690) {
                // log-normal-ish latency: most pages fast, a long tail of slow ones
                long ms = Math.min(2500, Math.round(Math.exp(3 + random.nextGaussian() * 0.9 + random.nextDouble() * 1.5)));
                target.stub(page, TargetResponse.page("Page " + i + " · " + sections[i % sections.length])
                        .withDelay(Duration.ofMillis(ms)));
                lines.add(target.url(page));
            } else if (roll < 750) {
                target.stub(page, TargetResponse.redirect(301, target.url(page + "/")));
                target.stub(page + "/", TargetResponse.redirect(302, target.url("/landing" + page)));
                target.stub("/landing" + page, TargetResponse.page("Moved page " + i));
                lines.add(target.url(page));
            } else if (roll < 840) {
                lines.add(target.url("/status/404?page=" + i));
            } else if (roll < 865) {
                lines.add(target.url("/status/" + (random.nextBoolean() ? 500 : 503) + "?page=" + i));
            } else if (roll < 875) {
                lines.add(target.url("/status/403?page=" + i));
            } else if (roll < 905) {
                lines.add(target.url("/delay/8000?page=" + i));
            } else if (roll < 925) {
                lines.add("http://127.0.0.1:" + closedPort + "/gone/" + i);
            } else if (roll < 945) {
                lines.add("http://host-" + i + ".invalid/");
            } else if (roll < 955) {
                lines.add("http://169.254.169.254/latest/meta-data/" + i);
            } else if (roll < 965) {
                lines.add(target.url("/secure/" + i).replace("http:", "https:"));
            } else if (roll < 985) {
                lines.add(random.nextBoolean() ? "ftp://files.example/report-" + i + ".pdf" : "htp//typo-" + i);
            } else {
                lines.add(lines.get(2 + random.nextInt(Math.max(1, lines.size() - 2)))); // a duplicate line
            }
        }
        return lines;
    }
}
