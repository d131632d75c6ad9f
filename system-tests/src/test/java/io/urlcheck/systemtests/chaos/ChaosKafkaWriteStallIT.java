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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker hangs (SIGSTOP) for longer than SmallRye's default age limit of unacknowledged records (60 s) while
 * intake records stream in, at a moment when the producer's gauge shows an intake batch waiting for its requests'
 * acknowledgements: a Kafka write stall. Guaranteed: the packaged producer's liveness stays UP throughout, so a kubelet does not restart it
 * mid-outage (and cut every upload in flight); when the broker resumes, every intake record is checked.
 */
class ChaosKafkaWriteStallIT {

    /** Intake records streamed 20 every 10 ms until the stall, so that the producer always has a batch waiting for its acknowledgements. */
    private static final int N = 20_000;
    private static final int BURST = 20;
    /** Past SmallRye's default {@code throttled.unprocessed-record-max-age.ms} (60 s). */
    private static final Duration STALL = Duration.ofSeconds(75);
    private static final Pattern AWAITING_ACKS = Pattern.compile("(?m)^urlcheck_producer_intake_awaiting_acks(?:\\{[^}]*})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void theProducerStaysLiveThroughAKafkaStallLongerThanSmallRyesAgeLimit() throws Exception {
        String job = "chaos-write-stall";
        try (Pipeline run = Pipeline.builder("writeStall").workers(1).start();
             KafkaProducer<String, String> intake = intakeClient(run.stack().bootstrapServers())) {
            String live = run.stack().producerUrl() + "/q/health/live";
            KafkaProcess kafka = run.stack().kafka();
            List<String> urls = run.fleet().delayedUrls("write-stall", N, 0);
            AtomicBoolean streaming = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                while (streaming.get() && sent.get() < N) {
                    send(intake, job, urls.subList(sent.get(), sent.get() + BURST));
                    sent.addAndGet(BURST);
                }
            });
            // Every service has its partitions and positions (a group that is still joining when the broker hangs
            // for a minute is another fault), and the producer is busy with the stream.
            run.awaitChecked(job, 5 * BURST);
            stallWithAnIntakeBatchInFlight(kafka, run.stack().producerUrl());
            try {
                streaming.set(false);
                stream.join();
                await("liveness through a stall of " + STALL.toSeconds() + " s").during(STALL).atMost(STALL.plusSeconds(15))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> Pipeline.probe(live) == 200);
            } finally {
                streaming.set(false);
                signal(kafka, "CONT");
            }
            intake.flush();

            assertThat(sent.get()).as("part of the stream was sent before the stall").isLessThan(N);
            run.awaitChecked(job, sent.get());
            assertThat(run.stack().producer().process().isAlive()).isTrue();
            assertThat(Pipeline.probe(live)).isEqualTo(200);
        }
    }

    /**
     * Hangs the broker at a moment when the producer holds an intake batch waiting for its acknowledgements (its
     * gauge says so after the stop, so the batch is caught, not finished): what the age limit would count.
     */
    private static void stallWithAnIntakeBatchInFlight(KafkaProcess kafka, String producerUrl) throws Exception {
        for (int attempt = 1; attempt <= 50; attempt++) {
            await("an intake batch in flight").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> awaitingAcks(producerUrl) > 0);
            signal(kafka, "STOP");
            if (awaitingAcks(producerUrl) > 0) {
                return;
            }
            signal(kafka, "CONT");
        }
        throw new AssertionError("never caught an intake batch waiting for its acknowledgements");
    }

    /** The producer's {@code urlcheck_producer_intake_awaiting_acks}. */
    private static double awaitingAcks(String producerUrl) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(producerUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = AWAITING_ACKS.matcher(metrics.body());
        assertThat(m.find()).as("urlcheck_producer_intake_awaiting_acks in the producer's metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Sends one record per URL, then waits the stream's pace (not a wait for anything). */
    private static void send(KafkaProducer<String, String> intake, String job, List<String> urls) {
        for (String url : urls) {
            intake.send(new ProducerRecord<>(Topics.INTAKE, "{\"url\": \"" + url + "\", \"jobId\": \"" + job + "\"}"));
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
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
}
