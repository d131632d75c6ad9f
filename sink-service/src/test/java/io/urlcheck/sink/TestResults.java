package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import io.urlcheck.testkit.KafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds results and totals for tests and publishes them the way the worker and producer do. */
public final class TestResults {

    private TestResults() {
    }

    /** A unique prefix, so tests sharing a broker and a store keep apart. */
    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static CheckResult ok(String jobId, String url, long responseTimeMs, Instant at) {
        return CheckResult.builder().jobId(jobId).input(url).url(url).outcome(Outcome.OK).statusCode(200)
                .responseTimeMs(responseTimeMs).title("Title of " + url).attempts(1).checkedAt(at).workerId("w1").build();
    }

    public static CheckResult failed(String jobId, String url, Outcome outcome, Integer status, Long responseTimeMs, Instant at) {
        return CheckResult.builder().jobId(jobId).input(url).url(url).outcome(outcome).statusCode(status)
                .responseTimeMs(responseTimeMs).error(outcome == Outcome.OK ? null : "failed: " + outcome)
                .attempts(1).checkedAt(at).workerId("w1").build();
    }

    public static JobTotals totals(String jobId, long accepted, long rejected, boolean complete, Instant at) {
        return new JobTotals(JobTotals.SCHEMA_VERSION, jobId, accepted + rejected, accepted, rejected, 0, 0, complete, at, at);
    }

    public static void publish(KafkaBroker broker, CheckResult r) {
        broker.send(Topics.RESULTS, r.url(), JsonCodec.encode(r));
    }

    /** Publishes many results through one producer and waits until the broker has them all. */
    public static void publishAll(KafkaBroker broker, List<CheckResult> results) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (CheckResult r : results) {
                producer.send(new ProducerRecord<>(Topics.RESULTS, r.url(), JsonCodec.encode(r)));
            }
            producer.flush();
        }
    }

    public static void publish(KafkaBroker broker, JobTotals t) {
        broker.send(Topics.JOBS, t.recordKey(), JsonCodec.encode(t));
    }
}
