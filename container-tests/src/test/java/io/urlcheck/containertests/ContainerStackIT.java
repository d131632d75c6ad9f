package io.urlcheck.containertests;

import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.testkit.ExportedResults;
import io.urlcheck.testkit.TargetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The services' images, started as deploy/ starts them, on Podman through Testcontainers: readiness with
 * a token on the machine's own address, the bearer token, URLs through {@code urlcheck.intake} with kcat
 * over SASL, the PostgreSQL store, a worker killed mid-job and a sink restarted mid-job. One stack for the class: starting five JVM
 * containers is most of the suite's time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerStackIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** kcat's settings for the broker's SASL listener, as deploy/README.md's kcat example passes them. */
    private static final Map<String, String> KCAT_SASL = Map.of("security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanisms", "PLAIN", "sasl.username", ContainerStack.KAFKA_USER, "sasl.password", ContainerStack.KAFKA_PASSWORD);

    private ContainerStack stack;
    private TargetServer target;
    private SinkClient sink;

    @BeforeAll
    void startStack() {
        Engine.requireOrSkip();
        long started = System.nanoTime();
        target = TargetServer.start();
        stack = ContainerStack.start();
        sink = new SinkClient(stack.sinkUrl(), ContainerStack.TOKEN);
        System.out.printf("container suite: Kafka, PostgreSQL and the three services ready in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    @Order(1)
    void servicesGivenATokenByEnvListenOnEveryInterfaceSoTheKubeletsProbeReachesThem() {
        // The kubelet probes the pod's IP; with host networking that is this machine's own address.
        String podIp = nonLoopbackAddress();
        for (var service : List.of(Map.entry(stack.producer(), stack.producerPort), Map.entry(stack.sink(), stack.sinkPort))) {
            assertThat(service.getKey().getLogs()).as("the service's log").contains("Listening on: http://0.0.0.0:" + service.getValue());
            assertThat(status(get("http://" + podIp + ":" + service.getValue() + "/q/health/ready", null)))
                    .as("readiness on %s:%d, as the kubelet probes it", podIp, service.getValue()).isEqualTo(200);
        }
        assertThat(status(get("http://" + podIp + ":" + stack.workerPort + "/q/health/ready", null))).as("worker readiness").isEqualTo(200);
    }

    @Test
    @Order(1)
    void theWorkerImageWarmsUpOnItsOwnLoopbackPageBeforeItJoinsItsGroup() {
        String log = stack.worker().getLogs();
        // deploy/ gives it 500 checks within 5 s. On a loaded machine the timeout ends it early, even before a first
        // check is done (a CI run saw 0 of 500): that is its bound working, so the count is not asserted.
        Matcher warmUp = Pattern.compile("warm-up: (\\d+) of 500 checks done in \\d+ ms[^{]*\\{([^}]*)}").matcher(log);
        assertThat(warmUp.find()).as("deploy/'s warm-up line in the worker's log").isTrue();
        int done = Integer.parseInt(warmUp.group(1));
        int byOutcome = Pattern.compile("[A-Z_]+=(\\d+)").matcher(warmUp.group(2)).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
        assertThat(done).as("warm-up checks done").isBetween(0, 500);
        assertThat(byOutcome).as("its outcomes %s account for every check done", warmUp.group(2)).isEqualTo(done);
        assertThat(log.indexOf("Kafka consumer kafka-consumer-requests")).as("the requests consumer's start, after the warm-up")
                .isGreaterThan(warmUp.start());
    }

    @Test
    @Order(2)
    void aRequestWithoutTheTokenIsRefusedAndOneWithItIsServed() {
        assertThat(status(get(stack.sinkUrl() + "/api/summary", null))).as("sink, no token").isEqualTo(401);
        assertThat(status(get(stack.sinkUrl() + "/api/summary", "not-" + ContainerStack.TOKEN))).as("sink, wrong token").isEqualTo(401);
        HttpRequest post = HttpRequest.newBuilder(URI.create(stack.producerUrl() + "/api/jobs?jobId=refused"))
                .header("Content-Type", "text/plain").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(target.url("/status/200") + "\n")).build();
        assertThat(status(post)).as("producer, no token").isEqualTo(401);
        assertThat(status(get(stack.sinkUrl() + "/api/summary", ContainerStack.TOKEN))).as("sink, the token").isEqualTo(200);
    }

    @Test
    @Order(3)
    void urlsWrittenToTheIntakeTopicWithKcatAreCheckedAndQueryableWithTheToken() {
        List<String> urls = urls("intake-feed", 20, 0);
        Kcat.produce(stack.bootstrap(), KCAT_SASL, "urlcheck.intake", intakeRecords("intake-feed", urls));

        awaitChecked("intake-feed", urls.size());
        assertExactlyOnce("intake-feed", urls);
        assertThat(sink.job("intake-feed").orElseThrow().outcomes()).containsEntry("OK", (long) urls.size());
        assertThat(sink.summary("intake-feed").total()).isEqualTo(urls.size());
    }

    @Test
    @Order(4)
    void theSinkStoresInThePostgreSqlItsEnvNamesOverKafkaSecurityItsEnvSets() throws Exception {
        // The previous test's results went producer -> worker -> sink over the SASL listener only: every
        // client had its kafka.* security from the env. Here: they are rows in the database the env names.
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "urlcheck", ContainerStack.DB_PASSWORD);
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM latest WHERE job_id = ?")) {
            query.setString(1, "intake-feed");
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).as("rows of job intake-feed in PostgreSQL's latest table").isEqualTo(20);
            }
        }
    }

    @Test
    @Order(5)
    void aWorkerKilledMidJobAndRestartedLosesNothingAndCountsNothingTwice() {
        List<String> urls = urls("kill-worker", 400, 150);
        Kcat.produce(stack.bootstrap(), KCAT_SASL, "urlcheck.intake", intakeRecords("kill-worker", urls));
        long struck = awaitChecked("kill-worker", urls.size() / 4).checked();

        stack.kill(stack.worker());
        assertThat(stack.running(stack.worker())).as("the worker after SIGKILL").isFalse();
        assertThat(struck).as("struck mid-job").isLessThan(urls.size());
        stack.restart(stack.worker());
        awaitReady(stack.workerUrl());

        awaitChecked("kill-worker", urls.size());
        assertExactlyOnce("kill-worker", urls);
    }

    @Test
    @Order(6)
    void aSinkRestartedMidJobLosesNoResult() {
        List<String> urls = urls("restart-sink", 400, 150);
        Kcat.produce(stack.bootstrap(), KCAT_SASL, "urlcheck.intake", intakeRecords("restart-sink", urls));
        long struck = awaitChecked("restart-sink", urls.size() / 4).checked();

        stack.stop(stack.sink(), Duration.ofSeconds(30));
        assertThat(stack.running(stack.sink())).as("the sink after stop").isFalse();
        assertThat(struck).as("struck mid-job").isLessThan(urls.size());
        stack.restart(stack.sink());
        awaitReady(stack.sinkUrl());

        awaitChecked("restart-sink", urls.size());
        assertExactlyOnce("restart-sink", urls);
    }

    /** {@code n} distinct URLs on the loopback target, each answering 200 after {@code delayMs}. */
    private List<String> urls(String tag, int n, long delayMs) {
        List<String> urls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            urls.add(target.url((delayMs > 0 ? "/delay/" + delayMs : "/status/200") + "?run=" + tag + "&n=" + i));
        }
        return urls;
    }

    /** One intake record per URL, in the JSON form that names the job. */
    private static List<String> intakeRecords(String jobId, List<String> urls) {
        return urls.stream().map(u -> "{\"url\": \"" + u + "\", \"jobId\": \"" + jobId + "\"}").toList();
    }

    private JobStatus awaitChecked(String jobId, long checked) {
        await("job " + jobId + " has " + checked + " results").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> sink.job(jobId).filter(j -> j.checked() >= checked).isPresent());
        return sink.job(jobId).orElseThrow();
    }

    /** Every URL has exactly one latest result for the job, none is missing or extra, and the job counts each once. */
    private void assertExactlyOnce(String jobId, List<String> urls) {
        Map<String, Integer> latest = latestResults(jobId);
        assertThat(latest.keySet()).as("URLs with a result").containsExactlyInAnyOrderElementsOf(urls);
        assertThat(latest).as("results per URL").allSatisfy((url, count) -> assertThat(count).as(url).isEqualTo(1));
        Optional<JobStatus> job = sink.job(jobId);
        assertThat(job).isPresent();
        assertThat(job.get().checked()).as("the job's checked count").isEqualTo(urls.size());
    }

    private Map<String, Integer> latestResults(String jobId) {
        try (InputStream in = sink.export(Map.of("jobId", jobId), "jsonl")) {
            return ExportedResults.perUrl(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the sink's results of " + jobId, e);
        }
    }

    private static void awaitReady(String baseUrl) {
        await(baseUrl + " ready").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> ServiceProcess.isReady(baseUrl));
    }

    private static HttpRequest get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** The HTTP status, or -1 when nothing answers. */
    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** An IPv4 address of this machine that is not loopback: where a pod on the host network is probed. */
    private static String nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(i -> {
                        try {
                            return i.isUp() && !i.isLoopback();
                        } catch (SocketException e) {
                            return false;
                        }
                    })
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "this machine has no non-loopback IPv4 address to probe the services on"));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }
}
