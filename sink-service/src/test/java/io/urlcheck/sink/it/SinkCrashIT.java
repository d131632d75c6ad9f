package io.urlcheck.sink.it;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.store.json.JsonResultStore;
import io.urlcheck.testkit.KafkaBroker;
import io.urlcheck.testkit.KafkaBrokerResource;
import io.urlcheck.testkit.postgres.PostgresResource;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sink killed with SIGKILL while it consumes: whatever it had stored but not yet
 * committed is redelivered after the restart, and the store ends with every result exactly once.
 * The redelivery counter proves the crash really fell between a store write and an offset commit.
 */
class SinkCrashIT {

    private static final int RESULTS = 8_000;
    private static final Pattern REDELIVERED = Pattern.compile("(?m)^urlcheck_sink_results_redelivered_total\\S* ([0-9.E]+)$");

    private final KafkaBroker broker = KafkaBrokerResource.broker();

    @Test
    void killedJsonSinkLosesAndDuplicatesNothing() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "crash-json-");
        String job = crashAndRecover(Map.of("urlcheck.sink.store", "json", "urlcheck.sink.json.dir", dir.toString()),
                () -> lines(dir.resolve(JsonResultStore.RESULTS_LOG)));

        List<String> log = Files.readAllLines(dir.resolve(JsonResultStore.RESULTS_LOG), StandardCharsets.UTF_8);
        List<String> ids = log.stream().map(l -> JsonCodec.decode(l.getBytes(StandardCharsets.UTF_8), CheckResult.class))
                .filter(r -> job.equals(r.jobId())).map(CheckResult::checkId).toList();
        assertThat(ids).hasSize(RESULTS).doesNotHaveDuplicates();
    }

    @Test
    void killedPostgresSinkLosesAndDuplicatesNothing() throws Exception {
        PostgresServer postgres = PostgresResource.server();
        String url = postgres.createDatabase("crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Map<String, String> props = Map.of("urlcheck.sink.store", "postgres", "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", PostgresServer.USER, "quarkus.datasource.password", "");
        crashAndRecover(props, () -> count(url, "SELECT count(*) FROM checks"));

        assertThat(count(url, "SELECT count(*) FROM checks")).isEqualTo(RESULTS);
        assertThat(count(url, "SELECT count(DISTINCT check_id) FROM checks")).isEqualTo(RESULTS);
    }

    /** Publishes the results, kills the sink once some are stored, restarts it and waits for all; returns the job id. */
    private String crashAndRecover(Map<String, String> store, java.util.concurrent.Callable<Long> stored) throws Exception {
        String job = TestResults.unique("crash");
        Instant t0 = Instant.now();
        List<CheckResult> all = IntStream.range(0, RESULTS)
                .mapToObj(i -> TestResults.ok(job, "http://crash.test/" + job + "/" + i, i % 500, t0.plusMillis(i))).toList();
        TestResults.publishAll(broker, all);
        TestResults.publish(broker, TestResults.totals(job, RESULTS, 0, true, t0));

        Map<String, String> props = new HashMap<>(store);
        props.put("kafka.bootstrap.servers", broker.bootstrapServers());
        // Small polls, so that the kill finds many stored batches not yet committed.
        props.put("mp.messaging.incoming.results.max.poll.records", "100");
        // The killed sink's group membership lasts its session: 45 s by default, 6 s (the broker's minimum) here,
        // so the restarted sink gets the partitions without waiting out a long session. Nothing else changes.
        for (String channel : List.of("results", "jobs")) {
            props.put("mp.messaging.incoming." + channel + ".session.timeout.ms", "6000");
            props.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", "1500");
        }
        Path log = Path.of("target", "sink-crash-" + job + ".log");

        SinkProcess first = SinkProcess.start(props, log);
        await().atMost(Duration.ofSeconds(120)).until(() -> stored.call() >= RESULTS / 5);
        first.kill();
        long storedAtKill = stored.call();
        assertThat(storedAtKill).isLessThan(RESULTS);

        try (SinkProcess second = SinkProcess.start(props, log)) {
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() ->
                    assertThat(second.get("/api/jobs/" + job)).contains("\"done\":true"));
            assertThat(second.get("/api/jobs/" + job)).contains("\"checked\":" + RESULTS);
            long lines = second.get("/api/results?jobId=" + job + "&format=jsonl").lines().count();
            assertThat(lines).isEqualTo(RESULTS);
            Matcher m = REDELIVERED.matcher(second.get("/q/metrics"));
            assertThat(m.find()).as("redelivered counter in /q/metrics").isTrue();
            assertThat(Double.parseDouble(m.group(1))).as("results stored before the kill and delivered again").isPositive();
        }
        return job;
    }

    private static long lines(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return s.count();
        }
    }

    private static long count(String url, String sql) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(url, PostgresServer.USER, "");
             var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            if (e.getMessage().contains("does not exist")) {
                return 0; // Flyway has not created the table yet
            }
            throw e;
        }
    }
}
