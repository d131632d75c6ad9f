package io.urlcheck.systemtests.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.stack.LocalStack;
import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.chaos.Pipeline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged producers in the {@code urlcheck-producer} group read one intake job from the four
 * partitions of {@code urlcheck.intake}. Guaranteed: the sink shows the job's totals as the sum of both
 * producers' parts, as open-ended (not complete, not done, no ETA) rather than as a job stuck
 * incomplete, and a restart of one producer adds its new part to the totals instead of resetting them
 * (the stopped process closes its part with {@code complete=true}, the new one is a new contributor).
 * Before the fix the sink kept whichever producer's totals arrived last.
 */
class IntakeProducersIT {

    private static final String GROUP = "urlcheck-producer";
    private static final int FIRST = 40;
    private static final int SECOND = 20;
    private static final Duration READY = Duration.ofSeconds(120);

    @Test
    void anIntakeJobReadByTwoProducersShowsTheirSummedTotalsAsOpenEndedAndARestartDoesNotResetThem() {
        String job = "intake-two-producers-" + UUID.randomUUID().toString().substring(0, 8);
        try (Pipeline run = Pipeline.builder("intakeProducers").workers(1)
                .producer("mp.messaging.incoming.intake.session.timeout.ms", "8000")
                .producer("mp.messaging.incoming.intake.heartbeat.interval.ms", "2000")
                .start()) {
            LocalStack stack = run.stack();
            ServiceProcess second = secondProducer(stack).start().awaitReady(READY);
            try (KafkaProducer<String, String> intake = intakeClient(stack.bootstrapServers())) {
                awaitBothProducersRead(stack.bootstrapServers());
                List<String> urls = run.fleet().delayedUrls(job, FIRST + SECOND, 0);
                send(intake, job, urls.subList(0, FIRST));

                JobStatus both = awaitTotals(run, job, FIRST);
                assertThat(both.accepted()).isEqualTo(FIRST);
                assertThat(both.openEnded()).as("an intake job is open-ended").isTrue();
                assertThat(both.complete()).isFalse();
                assertThat(both.done()).isFalse();
                assertThat(both.etaSeconds()).as("no end, so no ETA").isNull();
                assertThat(contributors(stack.bootstrapServers(), job, 2, 0)).as("both producers read part of the job").hasSize(2);

                second.stop(Duration.ofSeconds(30));
                second = secondProducer(stack).start().awaitReady(READY);
                awaitBothProducersRead(stack.bootstrapServers());
                send(intake, job, urls.subList(FIRST, FIRST + SECOND));

                JobStatus after = awaitTotals(run, job, FIRST + SECOND);
                assertThat(after.accepted()).as("the restarted producer added to the totals").isEqualTo(FIRST + SECOND);
                assertThat(after.submitted()).isEqualTo(after.accepted() + after.rejected() + after.duplicates() + after.skipped());
                assertThat(after.openEnded()).isTrue();
                assertThat(after.complete()).as("the first producer's part is still open").isFalse();
                Map<String, JobTotals> parts = contributors(stack.bootstrapServers(), job, 3, 1);
                assertThat(parts).as("a restart is a new contributor").hasSizeGreaterThanOrEqualTo(3);
                assertThat(parts.values()).filteredOn(JobTotals::complete).as("the stopped producer closed its part")
                        .isNotEmpty();
                JsonNode listed = listed(stack.sinkUrl(), job);
                assertThat(listed.get("submitted").asLong()).as("GET /api/jobs lists it the same way").isEqualTo(FIRST + SECOND);
                assertThat(listed.get("openEnded").asBoolean()).isTrue();
            } finally {
                second.close();
            }
        }
    }

    /** The job's entry in {@code GET /api/jobs}. */
    private static JsonNode listed(String sinkUrl, String job) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sinkUrl + "/api/jobs"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            for (JsonNode j : JsonCodec.mapper().readTree(response.body())) {
                if (j.get("jobId").asText().equals(job)) {
                    return j;
                }
            }
            throw new AssertionError(job + " is not in GET /api/jobs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A second producer process like the stack's: same jar, same broker, its own port and log. */
    private static ServiceProcess secondProducer(LocalStack stack) {
        Map<String, String> props = new HashMap<>(stack.config().producerProps());
        props.put("kafka.bootstrap.servers", stack.bootstrapServers());
        return new ServiceProcess(Pipeline.home(), "producer-service", "producer-2-" + System.nanoTime(), Ports.free(),
                props, "256m", stack.logDir());
    }

    private static KafkaProducer<String, String> intakeClient(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /** One record per URL, naming the job, spread over every partition of the intake topic. */
    private static void send(KafkaProducer<String, String> intake, String job, List<String> urls) {
        try {
            for (int i = 0; i < urls.size(); i++) {
                String value = "{\"url\": \"" + urls.get(i) + "\", \"jobId\": \"" + job + "\"}";
                intake.send(new ProducerRecord<>(Topics.INTAKE, i % intakePartitions(), null, value));
            }
            intake.flush();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not write the intake records", e);
        }
    }

    private static int intakePartitions() {
        return 4; // LocalStack creates urlcheck.intake with 4 partitions
    }

    /** Waits until two members of the producers' group each own part of the intake topic. */
    private static void awaitBothProducersRead(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("two producers share the intake partitions").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                                .get(10, TimeUnit.SECONDS).get(GROUP);
                        return group.members().size() == 2
                                && group.members().stream().map(MemberDescription::assignment)
                                .allMatch(a -> a.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.INTAKE)));
                    });
        }
    }

    /** Waits until the sink's totals of the job (and its results) have reached {@code n}. */
    private static JobStatus awaitTotals(Pipeline run, String job, int n) {
        await("the sink's totals of " + job + " reach " + n).atMost(Pipeline.PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> run.job(job).filter(j -> j.submitted() >= n && j.checked() >= n).isPresent());
        JobStatus status = run.job(job).orElseThrow();
        assertThat(status.submitted()).as("submitted, summed over producers").isEqualTo(n);
        assertThat(status.checked()).isEqualTo(n);
        assertThat(status.expected()).isEqualTo(n);
        assertThat(status.remaining()).isZero();
        return status;
    }

    /**
     * Each contributor's latest totals of the job on {@code urlcheck.jobs}, read until at least
     * {@code atLeast} contributors, {@code closed} of them complete, showed (or 30 s passed).
     */
    private static Map<String, JobTotals> contributors(String bootstrap, String job, int atLeast, int closed) {
        Map<String, JobTotals> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "intake-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.JOBS));
            Instant deadline = Instant.now().plusSeconds(30);
            while ((latest.size() < atLeast || latest.values().stream().filter(JobTotals::complete).count() < closed)
                    && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    JobTotals t = JsonCodec.decode(r.value(), JobTotals.class);
                    if (t.jobId().equals(job)) {
                        assertThat(r.key()).as("keyed by job and contributor").isEqualTo(t.recordKey());
                        latest.put(t.contributor(), t);
                    }
                });
            }
        }
        return latest;
    }
}
