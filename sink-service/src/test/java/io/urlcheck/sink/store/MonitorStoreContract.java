package io.urlcheck.sink.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.MonitorEvent.Type;
import io.urlcheck.contract.Outcome;
import io.urlcheck.sink.BadQueryException;
import io.urlcheck.sink.EventPage;
import io.urlcheck.sink.EventQuery;
import io.urlcheck.sink.MonitorBatch;
import io.urlcheck.sink.MonitorJudge;
import io.urlcheck.sink.MonitorResults;
import io.urlcheck.sink.MonitorRun;
import io.urlcheck.sink.MonitorStatus;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.UrlWatch;
import io.urlcheck.sink.config.SinkConfig;
import io.urlcheck.sink.messaging.DurableWriter;
import io.urlcheck.sink.messaging.EventOutbox;
import io.urlcheck.sink.messaging.EventSender;
import io.urlcheck.sink.messaging.SinkMetrics;
import io.urlcheck.sink.messaging.StoreHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.urlcheck.sink.MonitorResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The behaviour every {@link MonitorStore} owes the event path and the API; each store runs it against the real thing. */
public abstract class MonitorStoreContract {

    protected MonitorStore store;

    /** A fresh, empty store. */
    protected abstract MonitorStore newStore() throws Exception;

    /** The same store closed and opened again, as after a restart (or a crash: nothing is flushed at close). */
    protected abstract MonitorStore reopen(MonitorStore old) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Judges and stores {@code results} of {@code monitor} as the sink does, in one batch. */
    private MonitorBatch feed(Monitor monitor, CheckResult... results) {
        List<MonitorJudge.Observation> observations = MonitorResults.observations(monitor, List.of(results));
        Set<UrlWatch.Key> keys = new LinkedHashSet<>();
        observations.forEach(o -> keys.add(o.key()));
        return store.advance(keys, stored -> MonitorJudge.judgeAll(observations, stored));
    }

    private static List<Type> types(MonitorBatch batch) {
        return batch.events().stream().map(MonitorEvent::type).toList();
    }

    @Test
    void theWatchesSurviveARestartSoBrokenIsRaisedOnceAcrossIt() throws Exception {
        String name = TestResults.unique("m");
        String url = "https://a.test/" + name;
        Monitor m = MonitorResults.monitor(name, 2, url);
        assertThat(types(feed(m, result(name, 0, url, Outcome.OK), result(name, 1, url, Outcome.TIMEOUT)))).isEmpty();
        store = reopen(store);
        assertThat(types(feed(m, result(name, 2, url, Outcome.TIMEOUT)))).containsExactly(Type.BROKEN);
        store = reopen(store);
        assertThat(types(feed(m, result(name, 3, url, Outcome.TIMEOUT)))).isEmpty();
        assertThat(types(feed(m, result(name, 2, url, Outcome.TIMEOUT)))).as("redelivered").isEmpty();
        assertThat(types(feed(m, result(name, 4, url, Outcome.OK)))).containsExactly(Type.RECOVERED);
    }

    @Test
    void anEventIsStoredOncePerIdAndListedNewestFirstWithFilters() {
        String name = TestResults.unique("m");
        String a = "https://a.test/" + name;
        String b = "https://b.test/" + name;
        Monitor m = MonitorResults.monitor(name, 1, a, b);
        feed(m, result(name, 0, a, Outcome.HTTP_ERROR), result(name, 0, b, Outcome.OK));
        CheckResult bLater = result(name, 1, b, Outcome.TIMEOUT);
        bLater = bLater.toBuilder().checkedAt(bLater.checkedAt().plusSeconds(1)).build();
        feed(m, result(name, 1, a, Outcome.OK), bLater);
        MonitorBatch again = MonitorJudge.judgeAll(MonitorResults.observations(m,
                List.of(result(name, 1, a, Outcome.OK))), Map.of());
        store.advance(Set.of(), stored -> new MonitorBatch(List.of(), again.events(), List.of()));

        EventPage all = store.events(EventQuery.parse(name, null, null, null, null, null));
        assertThat(all.items()).extracting(MonitorEvent::type, MonitorEvent::url)
                .containsExactly(tuple(Type.BROKEN, b),
                        tuple(Type.RECOVERED, a),
                        tuple(Type.BROKEN, a));
        assertThat(all.nextCursor()).isNull();
        assertThat(store.events(EventQuery.parse(name, a, null, null, null, null)).items()).hasSize(2);
        assertThat(store.events(EventQuery.parse(name, null, "recovered", null, null, null)).items())
                .extracting(MonitorEvent::url).containsExactly(a);
        assertThat(store.events(EventQuery.parse(name, null, null, MonitorResults.tick(1).toString(), null, null)).items()).hasSize(2);
        assertThat(store.events(EventQuery.parse(TestResults.unique("other"), null, null, null, null, null)).items()).isEmpty();

        EventPage first = store.events(EventQuery.parse(name, null, null, null, "2", null));
        assertThat(first.items()).hasSize(2);
        EventPage second = store.events(EventQuery.parse(name, null, null, null, "2", first.nextCursor()));
        assertThat(second.items()).extracting(MonitorEvent::id).containsExactly(all.items().get(2).id());
        assertThat(second.nextCursor()).isNull();
        assertThatThrownBy(() -> EventQuery.parse(null, null, null, null, null, "bm90IGEgY3Vyc29y"))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("cursor");
        assertThatThrownBy(() -> EventQuery.parse(null, null, "EXPLODED", null, null, null))
                .isInstanceOf(BadQueryException.class).hasMessageContaining("type must be one of BROKEN");
    }

    @Test
    void runsCountEachUrlOnceAndStatusesCountTheLatestResults() {
        String name = TestResults.unique("m");
        String a = "https://a.test/" + name;
        String b = "https://b.test/" + name;
        Monitor m = MonitorResults.monitor(name, 2, a, b);
        feed(m, result(name, 0, a, Outcome.OK), result(name, 0, b, Outcome.OK));
        feed(m, result(name, 1, a, Outcome.OK), result(name, 1, b, Outcome.HTTP_ERROR));
        CheckResult recheck = result(name, 1, b, Outcome.OK).toBuilder().checkedAt(MonitorResults.tick(1).plusSeconds(30)).build();
        feed(m, recheck, result(name, 1, b, Outcome.HTTP_ERROR));

        assertThat(store.runs(name, 50)).containsExactly(
                new MonitorRun(result(name, 1, a, Outcome.OK).jobId(), MonitorResults.tick(1), 2, 0, 2),
                new MonitorRun(result(name, 0, a, Outcome.OK).jobId(), MonitorResults.tick(0), 2, 0, 2));
        assertThat(store.runs(name, 1)).hasSize(1);
        assertThat(store.statuses()).containsEntry(name, new MonitorStatus(2, 0, MonitorResults.tick(1), recheck.jobId()));

        feed(m, result(name, 2, b, Outcome.TIMEOUT));
        assertThat(store.statuses().get(name)).isEqualTo(new MonitorStatus(1, 1, MonitorResults.tick(2),
                result(name, 2, b, Outcome.TIMEOUT).jobId()));
    }

    @Test
    void anEventStoredButNeverPublishedIsPublishedByTheFirstFlushAfterARestart() throws Exception {
        String name = TestResults.unique("m");
        String url = "https://a.test/" + name;
        Monitor m = MonitorResults.monitor(name, 1, url);
        MonitorBatch batch = feed(m, result(name, 0, url, Outcome.OK), result(name, 1, url, Outcome.TIMEOUT));
        assertThat(types(batch)).containsExactly(Type.BROKEN);
        store = reopen(store); // the sink died after the store write, before any publish

        List<MonitorEvent> sent = new ArrayList<>();
        int flushed = outbox(events -> sent.addAll(events)).flush();

        assertThat(flushed).isGreaterThanOrEqualTo(1);
        assertThat(sent).extracting(MonitorEvent::id).contains(batch.events().get(0).id());
        assertThat(store.unpublished(1000)).isEmpty();
        assertThat(types(feed(m, result(name, 1, url, Outcome.TIMEOUT)))).as("the redelivery raises nothing new").isEmpty();
    }

    @Test
    void aFailedPublishLeavesTheEventInTheOutboxAndTheNextAttemptPublishesIt() {
        String name = TestResults.unique("m");
        String url = "https://a.test/" + name;
        MonitorBatch batch = feed(MonitorResults.monitor(name, 1, url), result(name, 0, url, Outcome.TIMEOUT));
        String id = batch.events().get(0).id();
        AtomicInteger attempts = new AtomicInteger();
        List<String> sent = new ArrayList<>();

        outbox(events -> {
            if (attempts.incrementAndGet() <= 2) {
                assertThat(store.unpublished(1000)).extracting(MonitorEvent::id).contains(id);
                throw new IllegalStateException("broker unavailable (attempt " + attempts.get() + ")");
            }
            events.forEach(e -> sent.add(e.id()));
        }).flush();

        assertThat(attempts).hasValue(3);
        assertThat(sent).contains(id);
        assertThat(store.unpublished(1000)).extracting(MonitorEvent::id).doesNotContain(id);
    }

    /** An outbox over this store whose sends go to {@code send}, retried every few milliseconds. */
    private EventOutbox outbox(Consumer<List<MonitorEvent>> send) {
        SinkConfig config = new SmallRyeConfigBuilder().withMapping(SinkConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("urlcheck.sink.retry.initial-backoff", "10ms")
                .withDefaultValue("urlcheck.sink.retry.max-backoff", "20ms").build().getConfigMapping(SinkConfig.class);
        DurableWriter writer = new DurableWriter(new StoreHealth(), config, new SinkMetrics(new SimpleMeterRegistry()));
        return new EventOutbox(store, new EventSender(null) {
            @Override
            public void sendAll(List<MonitorEvent> events) {
                send.accept(events);
            }
        }, writer);
    }
}
