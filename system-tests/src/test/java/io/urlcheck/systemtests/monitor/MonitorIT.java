package io.urlcheck.systemtests.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Schedule;
import io.urlcheck.contract.Topics;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.launcher.client.SinkClient;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.monitor.FiredTicks.Fired;
import io.urlcheck.systemtests.monitor.WebhookReceiver.Delivery;
import io.urlcheck.testkit.TargetResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The "Done when" of #22, through the packaged producer (two replicas), worker and sink as processes with the
 * settings deploy/ gives them, on a real broker and the JSON store: a monitor every 2 s against a loopback target
 * whose answer the test flips. Each test adds a monitor of its own to the one shared stack, starts the replicas it
 * needs, and removes its monitor at the end.
 * <ul>
 *   <li>exactly one job per tick while the replica that owns the monitor is killed with SIGKILL (the ticks missed
 *       while nobody owned it collapse into one), comes back, and the owner is then stopped with SIGTERM right
 *       after it fired (the partitions move within the tick's interval);</li>
 *   <li>BROKEN after {@code brokenAfter} failures, then RECOVERED, in the sink's {@code /api/events} and on
 *       {@code urlcheck.events}, each delivered once to the monitor's webhook with its Slack {@code text};</li>
 *   <li>a restart of every producer replica loses no monitor, and its ticks resume.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorIT {

    private static final Schedule EVERY_2S = Schedule.every("2s");
    private static final Schedule EVERY_10S = Schedule.every("10s");
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** Generous: the box is shared, and a tick's run crosses four JVMs. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);

    private MonitorStack stack;
    private MonitorApi api;
    private SinkClient sink;

    @BeforeAll
    void startStack() {
        long t0 = System.nanoTime();
        stack = MonitorStack.start();
        api = new MonitorApi(stack.token());
        sink = new SinkClient(stack.sinkUrl(), stack.token());
        System.out.printf("MonitorIT: stack ready in %d ms, logs in %s%n", (System.nanoTime() - t0) / 1_000_000, stack.dir());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void exactlyOneJobPerTickWhileTheOwningReplicaIsKilledRestartedAndStopped() {
        String name = "one-job-per-tick";
        List<String> urls = okUrls(name, 3);
        // Fired at the stop below: the partitions move within its interval, so a replica that took them without
        // first reading the ticks would fire its tick again (the 2 s monitor's ticks pass during a hand-over).
        String slow = "one-job-per-tick-10s";
        List<String> slowUrls = okUrls(slow, 1);
        stack.ensureProducersUp();
        try {
            assertThat(api.add(producerUrl(0), new Monitor(name, EVERY_2S, urls, null, null, null, null)).status())
                    .as("a new monitor is created").isEqualTo(201);
            assertThat(api.add(producerUrl(1), new Monitor(slow, EVERY_10S, slowUrls, null, null, null, null)).status())
                    .as("a new monitor is created").isEqualTo(201);
            awaitTicksSentAfter(name, Instant.EPOCH, 2, urls.size());

            // Strike right after the current tick's job went out in full and before the next tick is due: the owner
            // cannot fire that one earlier, so no job is cut in half. The owner is the replica that logged the job.
            Fired current = awaitFreshTick(name, EVERY_2S, urls.size(), Duration.ofMillis(250));
            int owner = stack.replicaThatLogged(current.jobId()).orElseThrow();
            ServiceProcess killed = stack.producer(owner);
            Instant killedAt = Instant.now();
            killed.kill();
            System.out.printf("MonitorIT: SIGKILLed %s, which fired %s%n", killed.name(), current.jobId());

            List<Fired> afterKill = awaitTicksSentAfter(name, killedAt, 2, urls.size());
            await("the survivor fired " + afterKill.get(0).jobId()).atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                    .until(() -> stack.replicaThatLogged(afterKill.get(0).jobId()).orElse(-1) == 1 - owner);

            killed.start().awaitReady(MonitorStack.READY);
            Instant backAt = Instant.now();
            awaitTicksSentAfter(name, backAt, 2, urls.size());

            // A rolling restart: SIGTERM the owner of the 10 s monitor right after it fired. Its partitions move
            // within that tick's interval; the survivor fires the 2 s monitor twice, by then it has taken them all.
            Fired handed = awaitFreshTick(slow, EVERY_10S, slowUrls.size(), Duration.ofSeconds(6));
            ServiceProcess stopped = stack.producer(stack.replicaThatLogged(handed.jobId()).orElseThrow());
            Instant stoppedAt = Instant.now();
            stopped.stop(Duration.ofSeconds(30));
            List<Fired> afterStop = awaitTicksSentAfter(name, stoppedAt, 2, urls.size());
            int remaining = stack.producer(0) == stopped ? 1 : 0;
            assertThat(api.remove(producerUrl(remaining), name).status()).as("DELETE").isEqualTo(204);
            assertThat(api.remove(producerUrl(remaining), slow).status()).as("DELETE").isEqualTo(204);

            List<Fired> fired = awaitEveryRunComplete(name, urls.size());
            assertOneJobPerTick(fired, urls.size());
            assertOneJobPerTick(awaitEveryRunComplete(slow, slowUrls.size()), slowUrls.size());
            Fired lastBefore = fired.stream().filter(f -> f.firstSent().isBefore(killedAt)).reduce((a, b) -> b).orElseThrow();
            Fired firstAfter = fired.stream().filter(f -> f.firstSent().isAfter(killedAt)).findFirst().orElseThrow();
            assertThat(lastBefore.tick()).as("the last tick before the kill is the one it struck after").isEqualTo(current.tick());
            // Nobody owned the monitor for a session timeout (6 s): ticks were due, and only the latest of them fired.
            assertThat(Duration.between(lastBefore.tick(), firstAfter.tick()))
                    .as("missed ticks collapse into one: " + lastBefore.jobId() + " then " + firstAfter.jobId())
                    .isGreaterThan(INTERVAL);
            System.out.printf("MONITOR kill: %d runs, %s killed after %s; %s fired %d ms after the kill (%d ticks collapsed"
                            + " into it); the replica was back after %d ms%n", fired.size(), killed.name(), lastBefore.jobId(),
                    firstAfter.jobId(), Duration.between(killedAt, firstAfter.firstSent()).toMillis(),
                    Duration.between(lastBefore.tick(), firstAfter.tick()).dividedBy(INTERVAL) - 1,
                    Duration.between(killedAt, backAt).toMillis());
            System.out.printf("MONITOR handover: %s SIGTERMed %d ms after %s was sent; the survivor sent %s %d ms after"
                            + " the stop, %s the 10 s tick's interval%n",
                    stopped.name(), Duration.between(handed.firstSent(), stoppedAt).toMillis(), handed.jobId(),
                    afterStop.get(0).jobId(), Duration.between(stoppedAt, afterStop.get(0).firstSent()).toMillis(),
                    afterStop.get(0).firstSent().isBefore(EVERY_10S.firstTickAfter(handed.tick())) ? "within" : "after");
        } finally {
            removeQuietly(name);
            removeQuietly(slow);
        }
    }

    @Test
    void brokenAfterKFailuresThenRecoveredReachTheApiTheTopicAndTheWebhookOnce() {
        String name = "flips";
        String flipPath = "/flip";
        stack.target().stub(flipPath, TargetResponse.ok());
        String flipping = stack.target().url(flipPath);
        String steady = stack.target().url("/status/200?monitor=" + name);
        String hookPath = "/hook/" + name;
        int brokenAfter = 2;
        try {
            Monitor monitor = new Monitor(name, EVERY_2S, List.of(flipping, steady), null,
                    List.of(stack.receiver().url(hookPath)), brokenAfter, null);
            assertThat(api.add(liveProducerUrl(), monitor).status()).as("a new monitor is created").isEqualTo(201);

            await("a run saw " + flipping + " OK").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> runsOf(name, flipping).stream().anyMatch(r -> r.outcome() == Outcome.OK));
            stack.target().stub(flipPath, TargetResponse.status(404));
            MonitorEvent broken = awaitEvent(name, flipping, MonitorEvent.Type.BROKEN);
            stack.target().stub(flipPath, TargetResponse.ok());
            MonitorEvent recovered = awaitEvent(name, flipping, MonitorEvent.Type.RECOVERED);

            List<CheckResult> runs = runsOf(name, flipping);
            int brokenAt = indexOfJob(runs, broken.jobId());
            assertThat(runs.subList(brokenAt - brokenAfter + 1, brokenAt + 1)).as("the K failures before BROKEN")
                    .allMatch(r -> r.outcome() == Outcome.HTTP_ERROR);
            assertThat(runs.get(brokenAt - brokenAfter).outcome()).as("OK before the K failures, so BROKEN came at the K-th")
                    .isEqualTo(Outcome.OK);
            int recoveredAt = indexOfJob(runs, recovered.jobId());
            assertThat(runs.get(recoveredAt).outcome()).isEqualTo(Outcome.OK);
            assertThat(runs.subList(brokenAt, recoveredAt)).as("RECOVERED at the first OK after BROKEN")
                    .allMatch(r -> r.outcome() == Outcome.HTTP_ERROR);
            assertThat(broken.current().statusCode()).isEqualTo(404);
            assertThat(recovered.current().outcome()).isEqualTo(Outcome.OK);

            List<MonitorEvent> listed = api.events(stack.sinkUrl(), name);
            assertThat(listed).as("events of " + name + ", newest first").extracting(MonitorEvent::type)
                    .containsExactly(MonitorEvent.Type.RECOVERED, MonitorEvent.Type.BROKEN);
            assertThat(listed).extracting(MonitorEvent::url).containsOnly(flipping);
            assertThat(listed).allSatisfy(e -> {
                assertThat(e.id()).isEqualTo(MonitorEvent.idOf(name, flipping, e.jobId(), e.type()));
                assertThat(e.text()).isEqualTo(MonitorEvent.textOf(e.type(), name, flipping, e.detail()));
            });

            Map<String, MonitorEvent> onTopic = eventsOnTopic(name);
            assertThat(onTopic.keySet()).as("urlcheck.events, deduplicated by id")
                    .containsExactlyInAnyOrder(broken.id(), recovered.id());

            await("the webhook took both events").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> stack.receiver().deliveries(hookPath).stream().filter(Delivery::accepted)
                            .map(Delivery::eventId).collect(Collectors.toSet()).containsAll(Set.of(broken.id(), recovered.id())));
            // Two more runs through the pipeline after RECOVERED: time enough for a duplicate delivery to show.
            Instant recoveredTick = MonitorJobId.parse(recovered.jobId()).orElseThrow().tick();
            await("two more runs after RECOVERED").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> runsOf(name, flipping).stream().filter(r -> tickOf(r).isAfter(recoveredTick)).count() >= 2);
            List<Delivery> deliveries = stack.receiver().deliveries(hookPath);
            assertThat(deliveries.stream().filter(Delivery::accepted)).as("each event taken once")
                    .extracting(Delivery::eventId).containsExactlyInAnyOrder(broken.id(), recovered.id());
            assertThat(deliveries).as("each event: its first try refused with 503, retried once, then taken")
                    .extracting(Delivery::eventId, Delivery::status)
                    .containsExactlyInAnyOrder(tuple(broken.id(), 503), tuple(broken.id(), 200),
                            tuple(recovered.id(), 503), tuple(recovered.id(), 200));
            for (Delivery delivery : deliveries) {
                MonitorEvent posted = JsonCodec.decode(delivery.body().getBytes(StandardCharsets.UTF_8), MonitorEvent.class);
                assertThat(posted.id()).isEqualTo(delivery.eventId()).isEqualTo(delivery.idempotencyKey());
                assertThat(posted).as("the event as the sink published it").isEqualTo(onTopic.get(posted.id()));
                assertThat(delivery.contentType()).startsWith("application/json");
                assertThat(MonitorApi.json(delivery.body()).path("text").asText()).as("Slack's text field")
                        .isEqualTo(MonitorEvent.textOf(posted.type(), name, flipping, posted.detail()));
            }
            assertThat(TopicSnapshot.read(stack.bootstrapServers(), Topics.EVENTS_UNDELIVERED)).as("nothing undelivered")
                    .isEmpty();

            JsonNode seen = await("the sink shows " + name + " all up").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> monitorListed(stack.sinkUrl(), name), n -> n != null && n.path("up").asInt() == 2);
            assertThat(seen.path("down").asInt()).isZero();
            assertThat(seen.path("urls").asInt()).isEqualTo(2);
            assertThat(seen.path("lastJobId").asText()).startsWith(MonitorJobId.PREFIX + name + ":");
            Map<String, JsonNode> runsByJob = new HashMap<>();
            api.runs(stack.sinkUrl(), name).json().forEach(r -> runsByJob.put(r.path("jobId").asText(), r));
            assertThat(tally(runsByJob.get(broken.jobId()))).as("up, down, total of the run that raised BROKEN")
                    .containsExactly(1, 1, 2);
            assertThat(tally(runsByJob.get(recovered.jobId()))).as("up, down, total of the run that raised RECOVERED")
                    .containsExactly(2, 0, 2);
            await("the sink's gauge shows " + name + " all up").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> api.metric(stack.sinkUrl(), "urlcheck_monitor_urls", Map.of("monitor", name, "state", "up")),
                            v -> v.isPresent() && v.get() == 2.0);
            System.out.printf("MONITOR events: BROKEN in %s, RECOVERED in %s, %d webhook POSTs (first tries refused)%n",
                    broken.jobId(), recovered.jobId(), deliveries.size());
            assertThat(api.remove(liveProducerUrl(), name).status()).as("DELETE").isEqualTo(204);
        } finally {
            removeQuietly(name);
        }
    }

    @Test
    void aRestartOfEveryProducerReplicaLosesNoMonitor() {
        String name = "survives-restart";
        List<String> urls = okUrls(name, 2);
        try {
            assertThat(api.add(liveProducerUrl(), new Monitor(name, EVERY_2S, urls, null, null, null, null)).status())
                    .as("a new monitor is created").isEqualTo(201);
            // The 201 came after Kafka acknowledged the monitor: killing every replica at once right now loses nothing.
            for (int i = 0; i < stack.producerCount(); i++) {
                stack.producer(i).kill();
            }
            Instant restarted = Instant.now();
            stack.ensureProducersUp();

            for (int i = 0; i < stack.producerCount(); i++) {
                int replica = i;
                JsonNode listed = await("replica " + i + " lists " + name).atMost(PATIENCE).pollInterval(POLL)
                        .until(() -> monitorListed(producerUrl(replica), name), n -> n != null);
                assertThat(listed.path("urls").asInt()).isEqualTo(urls.size());
                assertThat(listed.path("schedule").path("every").asText()).isEqualTo("2s");
                assertThat(listed.path("brokenAfter").asInt()).isEqualTo(Monitor.DEFAULT_BROKEN_AFTER);
            }
            List<Fired> resumedTicks = awaitTicksSentAfter(name, restarted, 2, urls.size());
            JsonNode afterRuns = await("replica 1 shows a tick since the restart").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> monitorListed(producerUrl(1), name), n -> n != null && n.path("lastTick").isTextual()
                            && !Instant.parse(n.path("lastTick").asText()).isBefore(resumedTicks.get(0).tick()));
            assertThat(Instant.parse(afterRuns.path("nextTick").asText())).as("nextTick")
                    .isAfter(Instant.parse(afterRuns.path("lastTick").asText()));
            assertThat(api.remove(producerUrl(0), name).status()).as("DELETE").isEqualTo(204);

            List<Fired> fired = awaitEveryRunComplete(name, urls.size(), restarted);
            // A new monitor fires its current tick at once; the kill may have cut that run (recorded, not all sent).
            assertThat(fired.stream().filter(f -> f.firstSent().isBefore(restarted)))
                    .allSatisfy(f -> assertThat(f.requests()).as(f.jobId() + " requests").isLessThanOrEqualTo(urls.size()));
            List<Fired> resumed = fired.stream().filter(f -> f.firstSent().isAfter(restarted)).toList();
            assertOneJobPerTick(resumed, urls.size());
            assertThat(fired).extracting(Fired::tick).as("ticks in the order they fired").isSorted().doesNotHaveDuplicates();
            System.out.printf("MONITOR restart: %d runs before the kill of both replicas, %d after; first after %s, %d ms after"
                    + " the restart began%n", fired.size() - resumed.size(), resumed.size(), resumed.get(0).jobId(),
                    Duration.between(restarted, resumed.get(0).firstSent()).toMillis());
        } finally {
            removeQuietly(name);
        }
    }

    /** Asserts the runs of one monitor: one job per tick, each with one request and one result per URL, never back-filled. */
    private void assertOneJobPerTick(List<Fired> fired, int urls) {
        assertThat(fired).as("runs").isNotEmpty();
        assertThat(fired).as("a tick fired twice would send twice the URLs under one job id")
                .allSatisfy(f -> assertThat(f.requests()).as(f.jobId() + " requests").isEqualTo(urls));
        assertThat(fired).allSatisfy(f -> assertThat(f.results()).as(f.jobId() + " results").isEqualTo(urls));
        assertThat(fired).extracting(Fired::tick).as("ticks in the order they fired: each later than the last")
                .isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
        for (Fired f : fired) {
            JobStatus job = await(f.jobId() + " done in the sink").atMost(PATIENCE).pollInterval(POLL)
                    .until(() -> sink.job(f.jobId()).orElse(null), j -> j != null && j.done());
            assertThat(job.checked()).as(f.jobId() + " checked").isEqualTo(urls);
            assertThat(job.submitted()).as(f.jobId() + " submitted").isEqualTo(urls);
        }
    }

    /** Waits until at least {@code count} ticks sent after {@code after} went out in full; returns those ticks. */
    private List<Fired> awaitTicksSentAfter(String name, Instant after, int count, int urls) {
        return await(count + " ticks of " + name + " after " + after).atMost(PATIENCE).pollInterval(POLL)
                .until(() -> FiredTicks.requestsOnly(stack.bootstrapServers(), name).stream()
                                .filter(f -> f.firstSent().isAfter(after) && f.requests() >= urls).toList(),
                        list -> list.size() >= count);
    }

    /** After the monitor was removed: waits until every run it fired has all its results, and returns the runs. */
    private List<Fired> awaitEveryRunComplete(String name, int urls) {
        return awaitEveryRunComplete(name, urls, Instant.EPOCH);
    }

    /** As {@link #awaitEveryRunComplete(String, int)}, for the runs sent after {@code after}; returns every run. */
    private List<Fired> awaitEveryRunComplete(String name, int urls, Instant after) {
        return await("every run of " + name + " complete").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> FiredTicks.of(stack.bootstrapServers(), name), list -> list.stream()
                        .filter(f -> f.firstSent().isAfter(after)).allMatch(f -> f.requests() >= urls && f.results() >= urls));
    }

    /**
     * Waits until the monitor's current tick went out in full and its replica logged it, while the next tick is more
     * than {@code ahead} away: a moment when the owner is firing nothing.
     */
    private Fired awaitFreshTick(String name, Schedule schedule, int urls, Duration ahead) {
        return await("a tick of " + name + " sent in full and logged, " + ahead + " before the next").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> lastFired(name), f -> f != null && f.requests() == urls
                        && f.tick().equals(schedule.latestTickAtOrBefore(Instant.now()))
                        && stack.replicaThatLogged(f.jobId()).isPresent()
                        && Duration.between(Instant.now(), schedule.firstTickAfter(Instant.now())).compareTo(ahead) > 0);
    }

    private Fired lastFired(String name) {
        List<Fired> fired = FiredTicks.requestsOnly(stack.bootstrapServers(), name);
        return fired.isEmpty() ? null : fired.get(fired.size() - 1);
    }

    private MonitorEvent awaitEvent(String name, String url, MonitorEvent.Type type) {
        return await(type + " of " + url).atMost(PATIENCE).pollInterval(POLL)
                .until(() -> api.events(stack.sinkUrl(), name).stream()
                        .filter(e -> e.type() == type && e.url().equals(url)).findFirst().orElse(null), e -> e != null);
    }

    /** The sink's results of {@code url} from runs of {@code monitor}, oldest tick first. */
    private List<CheckResult> runsOf(String monitor, String url) {
        return api.history(stack.sinkUrl(), url).stream()
                .filter(r -> MonitorJobId.parse(r.jobId()).filter(run -> run.monitor().equals(monitor)).isPresent())
                .sorted(Comparator.comparing(MonitorIT::tickOf))
                .toList();
    }

    private static Instant tickOf(CheckResult result) {
        return MonitorJobId.parse(result.jobId()).orElseThrow().tick();
    }

    private static int indexOfJob(List<CheckResult> runs, String jobId) {
        int index = IntStream.range(0, runs.size()).filter(i -> runs.get(i).jobId().equals(jobId)).findFirst().orElse(-1);
        assertThat(index).as("a result of " + jobId + " among " + runs.stream().map(CheckResult::jobId).toList()).isNotNegative();
        return index;
    }

    /** The events of {@code monitor} on {@link Topics#EVENTS}, by id; each keyed by its URL. */
    private Map<String, MonitorEvent> eventsOnTopic(String monitor) {
        List<MonitorEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(stack.bootstrapServers(), Topics.EVENTS)) {
            MonitorEvent event = JsonCodec.decode(record.value(), MonitorEvent.class);
            if (event.monitor().equals(monitor)) {
                assertThat(record.key()).as("an event is keyed by its URL").isEqualTo(event.url());
                events.add(event);
            }
        }
        return events.stream().collect(Collectors.toMap(MonitorEvent::id, Function.identity(), (a, b) -> a));
    }

    /** The entry of {@code name} in {@code GET /api/monitors} of the replica at {@code producer}, or null. */
    private JsonNode monitorListed(String producer, String name) {
        MonitorApi.Reply reply = api.list(producer);
        if (reply.status() != 200) {
            return null;
        }
        for (JsonNode entry : reply.json()) {
            if (entry.path("name").asText().equals(name)) {
                return entry;
            }
        }
        return null;
    }

    /** A run of the sink's {@code /api/monitors/{name}/runs} as [up, down, total]; empty when it is not listed. */
    private static List<Integer> tally(JsonNode run) {
        return run == null ? List.of() : List.of(run.path("up").asInt(), run.path("down").asInt(), run.path("total").asInt());
    }

    /** {@code n} distinct URLs on the target that answer 200. */
    private List<String> okUrls(String tag, int n) {
        return IntStream.range(0, n).mapToObj(i -> stack.target().url("/status/200?monitor=" + tag + "&n=" + i)).toList();
    }

    /** A replica that runs (one test leaves the other stopped, and each test starts what it needs). */
    private String liveProducerUrl() {
        if (!stack.producer(0).process().isAlive() && !stack.producer(1).process().isAlive()) {
            stack.ensureProducersUp();
        }
        return producerUrl(stack.producer(0).process().isAlive() ? 0 : 1);
    }

    private String producerUrl(int replica) {
        return stack.producer(replica).baseUrl();
    }

    /** Removes a monitor a failed test left behind, so it stops adding runs to the shared stack. */
    private void removeQuietly(String name) {
        for (int i = 0; i < stack.producerCount(); i++) {
            if (stack.producer(i).process().isAlive()) {
                try {
                    api.remove(producerUrl(i), name);
                    return;
                } catch (RuntimeException e) {
                    System.err.println("MonitorIT: could not remove " + name + ": " + e);
                }
            }
        }
    }
}
