package io.urlcheck.systemtests.chaos;

import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.stack.KafkaProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker hangs (SIGSTOP) for longer than SmallRye's default age limit of unacknowledged records (60 s) while
 * intake records stream in, so an intake batch is caught waiting for its requests' acknowledgements: a Kafka write
 * stall. Guaranteed: the packaged producer's liveness stays UP throughout, so a kubelet does not restart it
 * mid-outage (and cut every upload in flight); when the broker resumes, every intake record is checked.
 */
class ChaosKafkaWriteStallIT {

    /** Intake records sent 20 every 10 ms, so that the producer always has a batch waiting for its acknowledgements. */
    private static final int N = 2_000;
    private static final int BURST = 20;
    /** Past SmallRye's default {@code throttled.unprocessed-record-max-age.ms} (60 s). */
    private static final Duration STALL = Duration.ofSeconds(75);
    private static final Pattern INTAKE_LINES =
            Pattern.compile("(?m)^urlcheck_producer_lines_total\\{[^}]*source=\"intake\"[^}]*} (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void theProducerStaysLiveThroughAKafkaStallLongerThanSmallRyesAgeLimit() throws Exception {
        String job = "chaos-write-stall";
        try (Pipeline run = Pipeline.builder("writeStall").workers(1).start();
             KafkaProducer<String, String> intake = intakeClient(run.stack().bootstrapServers())) {
            String live = run.stack().producerUrl() + "/q/health/live";
            KafkaProcess kafka = run.stack().kafka();
            List<String> urls = run.fleet().delayedUrls("write-stall", N, 0);
            for (int i = 0; i < N / 2; i += BURST) {
                send(intake, job, urls.subList(i, i + BURST));
            }
            await("the producer reads the intake stream").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> intakeLines(run.stack().producerUrl()) >= BURST);

            signal(kafka, "STOP");
            try {
                for (int i = N / 2; i < N; i += BURST) {
                    send(intake, job, urls.subList(i, i + BURST)); // buffered by the client until the broker resumes
                }
                await("liveness through a stall of " + STALL.toSeconds() + " s").during(STALL).atMost(STALL.plusSeconds(15))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> Pipeline.probe(live) == 200);
            } finally {
                signal(kafka, "CONT");
            }
            intake.flush();

            run.awaitChecked(job, N);
            assertThat(run.stack().producer().process().isAlive()).isTrue();
            assertThat(Pipeline.probe(live)).isEqualTo(200);
        }
    }

    private static void send(KafkaProducer<String, String> intake, String job, List<String> urls) throws InterruptedException {
        for (String url : urls) {
            intake.send(new ProducerRecord<>(Topics.INTAKE, "{\"url\": \"" + url + "\", \"jobId\": \"" + job + "\"}"));
        }
        TimeUnit.MILLISECONDS.sleep(10); // the stream's pace, not a wait for anything
    }

    /** Sends {@code kill -<name>} to the broker's process. */
    private static void signal(KafkaProcess kafka, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(kafka.process().pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
    }

    private static KafkaProducer<String, String> intakeClient(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** The producer's count of intake records read, from its metrics; 0 while it has none. */
    private static double intakeLines(String producerUrl) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(producerUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = INTAKE_LINES.matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
