package io.urlcheck.systemtests.monitor;

import io.urlcheck.contract.CheckRequest;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one monitor as the broker saw them: for each job id {@code monitor:<name>:<tick>} on
 * {@link Topics#REQUESTS}, how many check requests it published and when the first one was sent, and how many
 * results came back on {@link Topics#RESULTS}. A tick fired twice shows as twice the monitor's URLs under one
 * job id; a back-filled missed tick as a tick older than one already fired.
 */
final class FiredTicks {

    /**
     * One fired tick.
     *
     * @param jobId     {@code monitor:<name>:<tick>}
     * @param tick      the tick the job id names
     * @param requests  check requests published under the job id
     * @param firstSent the timestamp of its first request (the replica's clock when it submitted)
     * @param results   results published under the job id
     */
    record Fired(String jobId, Instant tick, int requests, Instant firstSent, int results) {
    }

    private FiredTicks() {
    }

    /** The fired ticks of {@code monitor}, in the order their first requests were sent, with their results counted. */
    static List<Fired> of(String bootstrap, String monitor) {
        return read(bootstrap, monitor, true);
    }

    /** As {@link #of}, without reading the results (each shows 0): quicker, for polling. */
    static List<Fired> requestsOnly(String bootstrap, String monitor) {
        return read(bootstrap, monitor, false);
    }

    private static List<Fired> read(String bootstrap, String monitor, boolean withResults) {
        Map<String, List<ConsumerRecord<String, byte[]>>> requests = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(bootstrap, Topics.REQUESTS)) {
            String jobId = JsonCodec.decode(record.value(), CheckRequest.class).jobId();
            if (isRunOf(jobId, monitor)) {
                requests.computeIfAbsent(jobId, k -> new ArrayList<>()).add(record);
            }
        }
        Map<String, Integer> results = new LinkedHashMap<>();
        List<ConsumerRecord<String, byte[]>> resultRecords = withResults ? TopicSnapshot.read(bootstrap, Topics.RESULTS) : List.of();
        for (ConsumerRecord<String, byte[]> record : resultRecords) {
            String jobId = JsonCodec.decode(record.value(), CheckResult.class).jobId();
            if (isRunOf(jobId, monitor)) {
                results.merge(jobId, 1, Integer::sum);
            }
        }
        List<Fired> fired = new ArrayList<>();
        requests.forEach((jobId, records) -> fired.add(new Fired(jobId, MonitorJobId.parse(jobId).orElseThrow().tick(),
                records.size(), Instant.ofEpochMilli(records.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow()),
                results.getOrDefault(jobId, 0))));
        fired.sort(Comparator.comparing(Fired::firstSent).thenComparing(Fired::tick));
        return fired;
    }

    private static boolean isRunOf(String jobId, String monitor) {
        return MonitorJobId.parse(jobId).filter(run -> run.monitor().equals(monitor)).isPresent();
    }
}
