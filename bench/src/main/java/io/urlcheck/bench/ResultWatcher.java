package io.urlcheck.bench;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code urlcheck.results} from the beginning on a thread of its own and keeps the figures a
 * scenario needs: how many distinct requests were answered, the outcomes, and the broker-side timestamps
 * (the worker producer's send time) of the first and last result.
 */
public final class ResultWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final boolean decode;
    private final Thread thread;
    private final Set<String> requestIds = new HashSet<>();
    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private final Map<String, Integer> errors = new java.util.TreeMap<>();
    private final List<Long> responseTimes = new java.util.ArrayList<>();
    private final List<Long> publishLags = new java.util.ArrayList<>();
    private final List<Raw> undecoded = new java.util.ArrayList<>();
    private int unidentified; // results without a request id, each counted once (guarded by this)
    private volatile boolean running = true;
    private volatile long records;
    private volatile long distinct;
    private volatile long firstTimestamp = Long.MAX_VALUE;
    private volatile long lastTimestamp;
    /** The width of one {@link #ratesPerBucket()} bucket. */
    static final int TIMELINE_BUCKET_MS = 250;
    /**
     * Results per {@value #TIMELINE_BUCKET_MS} ms of record time, from the first result: the run's ramp-up and tail.
     * Plain ints, grown by doubling: counting must stay cheap on the thread that competes with the worker (bench/README.md, finding 10).
     */
    private int[] timeline = new int[64];
    private int buckets;
    private volatile RuntimeException failure;

    /** Starts watching; with {@code decode} false only records are counted (for very large runs). */
    public ResultWatcher(String bootstrapServers, boolean decode) {
        this.decode = decode;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50"));
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException(Topics.RESULTS + " has no partitions");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        // From the end as of now, resolved eagerly: whatever a previous run left is not this run's.
        consumer.endOffsets(assigned, Duration.ofSeconds(30)).forEach(consumer::seek);
        this.thread = DaemonThreads.start("result-watcher", this::run);
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    accept(record);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        records++;
        long ts = record.timestamp();
        if (ts < firstTimestamp) {
            firstTimestamp = ts;
        }
        if (ts > lastTimestamp) {
            lastTimestamp = ts;
        }
        count(ts);
        if (!decode) {
            distinct = records;
            return;
        }
        // Only the request id is read while the worker runs; the full decode waits until a figure is
        // asked for, so the observer's JSON work does not compete with the worker for the 2 cores.
        String id = RequestIds.of(record.value());
        synchronized (this) {
            if (id == null || requestIds.add(id)) {
                undecoded.add(new Raw(ts, record.value()));
                unidentified += id == null ? 1 : 0;
                distinct = requestIds.size() + unidentified;
            }
        }
    }

    private synchronized void count(long ts) {
        int bucket = (int) Math.max(0, (ts - firstTimestamp) / TIMELINE_BUCKET_MS);
        if (bucket >= timeline.length) {
            timeline = java.util.Arrays.copyOf(timeline, Math.max(bucket + 1, 2 * timeline.length));
        }
        timeline[bucket]++;
        buckets = Math.max(buckets, bucket + 1);
    }

    /**
     * Results per {@value #TIMELINE_BUCKET_MS} ms of record time, as URLs/s, from the first result on (a result
     * stamped before an earlier-read first one counts in the first bucket). Shows a run's ramp-up and tail.
     */
    public synchronized List<Integer> ratesPerBucket() {
        return java.util.Arrays.stream(timeline, 0, buckets).map(n -> n * 1000 / TIMELINE_BUCKET_MS).boxed().toList();
    }

    /**
     * URLs/s over the results stamped at least {@code skipMs} after the first one, up to the last: the rate once a
     * fresh worker has warmed up. NaN when the run was too short to say.
     */
    public synchronized double rateAfter(long skipMs) {
        int skip = (int) (skipMs / TIMELINE_BUCKET_MS);
        double span = (lastTimestamp - firstTimestamp - skipMs) / 1000.0;
        if (buckets <= skip + 1 || span <= 0) {
            return Double.NaN;
        }
        return java.util.Arrays.stream(timeline, skip, buckets).sum() / span;
    }

    /**
     * URLs/s over the results stamped at least {@code headMs} after the first one and at least {@code tailMs} before the
     * last one: the steady state, without the ramp-up and the last wave's drain. NaN when the run was too short to say.
     */
    public synchronized double rateBetween(long headMs, long tailMs) {
        int from = (int) (headMs / TIMELINE_BUCKET_MS);
        int to = (int) ((lastTimestamp - firstTimestamp - tailMs) / TIMELINE_BUCKET_MS); // exclusive: whole buckets only
        if (to <= from) {
            return Double.NaN;
        }
        return java.util.Arrays.stream(timeline, from, to).sum() * 1000.0 / ((to - from) * (double) TIMELINE_BUCKET_MS);
    }

    /** Decodes what {@link #accept} kept; called with the lock held, before any figure is read. */
    private void decodeKept() {
        for (Raw raw : undecoded) {
            CheckResult result = JsonCodec.decode(raw.value(), CheckResult.class);
            if (result.responseTimeMs() != null) {
                responseTimes.add(result.responseTimeMs());
            }
            publishLags.add(raw.timestamp() - result.checkedAt().toEpochMilli());
            outcomes.merge(result.outcome(), 1, Integer::sum);
            if (result.outcome() != Outcome.OK && result.error() != null && errors.size() < 20) {
                errors.merge(result.error(), 1, Integer::sum);
            }
        }
        undecoded.clear();
    }

    private record Raw(long timestamp, byte[] value) {
    }

    /** Waits until {@code count} distinct results arrived; false on timeout. */
    public boolean await(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (distinct < count) {
            if (failure != null) {
                throw new IllegalStateException("result watcher failed", failure);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20); // polling a counter another thread advances
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Distinct requests answered so far. */
    public long distinct() {
        return distinct;
    }

    /** Result records read so far beyond one a request: redeliveries. */
    public long redelivered() {
        return records - distinct;
    }

    /** The record timestamps of the earliest and the latest result so far. */
    public Window window() {
        return new Window(firstTimestamp, lastTimestamp);
    }

    /** The record timestamps (ms, set by the worker's producer) of a run's earliest and latest result. */
    public record Window(long first, long last) {

        /** Seconds from the first result to the last: the checking window. */
        public double seconds() {
            return (last - first) / 1000.0;
        }
    }

    /** Outcome counts over distinct requests. */
    public synchronized Map<Outcome, Integer> outcomes() {
        decodeKept();
        return new java.util.LinkedHashMap<>(outcomes);
    }

    /**
     * Percentiles (p50, p90, p99, max) of the results' {@code responseTimeMs} (the worker's own clock for a
     * check, from its slot to its response) and of the publish lag (record timestamp minus {@code checkedAt}:
     * how long a finished result waited to be sent). Together they tell a slow check from a slow pipeline.
     */
    public synchronized Map<String, Object> latencies() {
        decodeKept();
        return Map.of("responseTimeMs", percentiles(responseTimes), "publishLagMs", percentiles(publishLags));
    }

    private static Map<String, Long> percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        List<Long> sorted = new java.util.ArrayList<>(values);
        java.util.Collections.sort(sorted);
        Map<String, Long> p = new java.util.LinkedHashMap<>();
        p.put("p50", sorted.get(sorted.size() / 2));
        p.put("p90", sorted.get((int) (sorted.size() * 0.9)));
        p.put("p99", sorted.get((int) (sorted.size() * 0.99)));
        p.put("max", sorted.get(sorted.size() - 1));
        return p;
    }

    /** A sample of error texts of non-OK results, for diagnosing a broken run. */
    public synchronized Map<String, Integer> errors() {
        decodeKept();
        return Map.copyOf(errors);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
