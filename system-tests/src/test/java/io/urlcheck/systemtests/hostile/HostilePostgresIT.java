package io.urlcheck.systemtests.hostile;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.systemtests.chaos.Pipeline;
import io.urlcheck.systemtests.chaos.Store;
import io.urlcheck.testkit.RandomText;
import io.urlcheck.testkit.TargetResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values PostgreSQL 15 refuses for good, submitted to the packaged producer as any user can, with the
 * sink on the PostgreSQL store: a URL with a NUL byte (an INVALID_URL result that keeps it), a page
 * titled {@code a&#0;b}, a 5 KB random path and a 5 KB random host (each over the 2,704-byte limit of
 * a btree entry). Every one is stored and the job completes; bytes that are no result at all, written
 * to {@code urlcheck.results}, are dead-lettered by the sink with a reason; and the sink keeps storing.
 * Before the fix the first of them stalled every later write of the sink for good.
 */
class HostilePostgresIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void valuesPostgresRefusesNeitherStallThePostgresSinkNorGoMissing() throws Exception {
        try (Pipeline run = Pipeline.builder("hostilePostgres").store(Store.POSTGRES).workers(1).start()) {
            run.fleet().server(0).stub("/nul-title", TargetResponse.page("a&#0;b"));
            String nulTitle = run.fleet().url(0, "/nul-title");
            List<String> lines = List.of(
                    nulTitle,
                    "http://nul\u0000.example/",
                    run.fleet().url(1, "/" + RandomText.of(5_000, 11)),
                    "http://" + RandomText.of(5_000, 12) + ".invalid/",
                    run.fleet().url(0, "/title/good-1"),
                    run.fleet().url(1, "/title/good-2"));

            run.submit("hostile-pg", lines);
            JobStatus done = run.awaitDone("hostile-pg", lines.size());

            System.out.println("HOSTILE postgres outcomes: " + done.outcomes());
            assertThat(done.checked()).isEqualTo(lines.size());
            assertThat(done.rejected()).isEqualTo(1);
            assertThat(done.outcomes()).containsEntry(Outcome.INVALID_URL.name(), 1L);
            CheckResult titled = lookup(run, nulTitle);
            System.out.println("HOSTILE postgres title of a&#0;b: " + titled.title());
            assertThat(titled.outcome()).isEqualTo(Outcome.OK);
            assertThat(titled.title()).doesNotContain("\u0000").startsWith("a").endsWith("b");
            assertThat(lookup(run, "http://nul\uFFFD.example/").outcome()).isEqualTo(Outcome.INVALID_URL);

            String key = "hostile-pg-garbage";
            try (KafkaProducer<String, byte[]> kafka = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.stack().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
                kafka.send(new ProducerRecord<>(Topics.RESULTS, key, "{\"not\": \"a result\"}".getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
            List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(run.stack().bootstrapServers(), Topics.DEAD_LETTER,
                    records -> records.stream().anyMatch(r -> key.equals(r.key())), Pipeline.PATIENCE);
            ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
            System.out.println("HOSTILE postgres sink dead letter: " + TopicReader.header(letter, Topics.HEADER_DLQ_REASON));
            assertThat(TopicReader.header(letter, Topics.HEADER_DLQ_REASON)).contains("CheckResult");
            assertThat(TopicReader.header(letter, Topics.HEADER_DLQ_TOPIC)).isEqualTo(Topics.RESULTS);

            List<String> after = List.of(run.fleet().url(0, "/title/after-1"), run.fleet().url(1, "/title/after-2"));
            run.submit("hostile-pg-after", after);
            run.assertAccounted("hostile-pg-after", after);
            assertThat(run.sinkReadiness()).isEqualTo(200);
        }
    }

    private static CheckResult lookup(Pipeline run, String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(run.stack().sinkUrl()
                + "/api/results/lookup?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("lookup " + url).isEqualTo(200);
        return JsonCodec.decode(response.body(), HostileInputIT.Lookup.class).latest();
    }
}
