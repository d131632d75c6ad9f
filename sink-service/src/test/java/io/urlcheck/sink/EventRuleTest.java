package io.urlcheck.sink;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Monitor;
import io.urlcheck.contract.MonitorEvent;
import io.urlcheck.contract.MonitorEvent.Type;
import io.urlcheck.contract.MonitorJobId;
import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.Schedule;
import io.urlcheck.contract.TlsInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The event rule, run after run over one URL: each test feeds a sequence of results and reads the events. */
class EventRuleTest {

    private static final String URL = "https://a.example/page";
    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

    private final Map<UrlWatch.Key, UrlWatch> store = new HashMap<>();
    private int run;

    private static Monitor monitor(int brokenAfter, int certExpiryDays) {
        return new Monitor("docs", Schedule.every("1m"), List.of(URL), null, null, brokenAfter, certExpiryDays);
    }

    /** The next run's result of {@link #URL}. */
    private CheckResult next(Outcome outcome, Integer status, String title) {
        Instant tick = T0.plusSeconds(60L * ++run);
        return CheckResult.builder().jobId(MonitorJobId.of("docs", tick)).input(URL).url(URL).outcome(outcome)
                .statusCode(status).title(title).finalUrl(URL).attempts(1).checkedAt(tick.plusSeconds(1)).workerId("w").build();
    }

    private CheckResult ok() {
        return next(Outcome.OK, 200, "Home");
    }

    private CheckResult failing() {
        return next(Outcome.HTTP_ERROR, 503, null);
    }

    /** Judges {@code results} in one batch each and stores the outcome, as the sink does; returns the events' types. */
    private List<Type> feed(Monitor monitor, CheckResult... results) {
        List<Type> types = new ArrayList<>();
        for (CheckResult r : results) {
            types.addAll(judge(monitor, r).events().stream().map(MonitorEvent::type).toList());
        }
        return types;
    }

    private MonitorBatch judge(Monitor monitor, CheckResult r) {
        Instant tick = MonitorJobId.parse(r.jobId()).orElseThrow().tick();
        MonitorBatch batch = MonitorJudge.judgeAll(List.of(new MonitorJudge.Observation(monitor, tick, r)), store);
        batch.watches().forEach(w -> store.put(w.key(), w));
        return batch;
    }

    @Test
    void brokenIsRaisedOnlyAfterBrokenAfterConsecutiveFailuresAndOncePerBreakage() {
        Monitor m = monitor(3, 14);
        assertThat(feed(m, ok(), failing(), failing())).isEmpty();
        assertThat(feed(m, failing())).containsExactly(Type.BROKEN);
        assertThat(feed(m, failing(), failing())).isEmpty();
    }

    @Test
    void aFlapShorterThanBrokenAfterRaisesNothing() {
        Monitor m = monitor(2, 14);
        assertThat(feed(m, ok(), failing(), ok(), failing(), ok())).isEmpty();
    }

    @Test
    void recoveredIsRaisedAtTheFirstOkAfterBrokenAndANewBreakageIsBrokenAgain() {
        Monitor m = monitor(2, 14);
        assertThat(feed(m, ok(), failing(), failing(), ok(), ok())).containsExactly(Type.BROKEN, Type.RECOVERED);
        assertThat(feed(m, failing(), failing())).containsExactly(Type.BROKEN);
    }

    @Test
    void aUrlFailingFromItsFirstRunIsBrokenAfterBrokenAfterRuns() {
        assertThat(feed(monitor(2, 14), failing(), failing())).containsExactly(Type.BROKEN);
    }

    @Test
    void brokenNamesTheCountAndThePreviousState() {
        Monitor m = monitor(2, 14);
        feed(m, ok(), failing());
        MonitorEvent broken = judge(m, failing()).events().get(0);
        assertThat(broken.detail()).isEqualTo("HTTP_ERROR 503, 2 failures in a row (was HTTP_ERROR 503)");
        assertThat(broken.text()).startsWith("[docs] BROKEN " + URL);
        assertThat(broken.id()).isEqualTo(MonitorEvent.idOf("docs", URL, broken.jobId(), Type.BROKEN));
    }

    @Test
    void changedWhenTitleStatusOrFinalUrlDifferBetweenTwoOkRuns() {
        Monitor m = monitor(2, 14);
        feed(m, ok());
        List<MonitorEvent> changed = judge(m, next(Outcome.OK, 203, "New home")).events();
        assertThat(changed).extracting(MonitorEvent::type).containsExactly(Type.CHANGED);
        assertThat(changed.get(0).detail()).isEqualTo("status 200 -> 203, title 'Home' -> 'New home'");
        CheckResult moved = next(Outcome.OK, 203, "New home").toBuilder().finalUrl("https://a.example/elsewhere").build();
        assertThat(feed(m, moved)).containsExactly(Type.CHANGED);
        assertThat(feed(m, next(Outcome.OK, 203, "New home").toBuilder().finalUrl("https://a.example/elsewhere").build())).isEmpty();
    }

    @Test
    void changedIsNeverRaisedWhileFailuresAreBeingCounted() {
        Monitor m = monitor(3, 14);
        assertThat(feed(m, ok(), next(Outcome.HTTP_ERROR, 500, null), next(Outcome.HTTP_ERROR, 502, null))).isEmpty();
    }

    @Test
    void changedBetweenTwoFailuresOnceBroken() {
        Monitor m = monitor(2, 14);
        assertThat(feed(m, ok(), failing(), failing())).containsExactly(Type.BROKEN);
        assertThat(feed(m, next(Outcome.HTTP_ERROR, 404, null))).containsExactly(Type.CHANGED);
        assertThat(feed(m, next(Outcome.TIMEOUT, null, null))).containsExactly(Type.CHANGED);
        assertThat(feed(m, next(Outcome.TIMEOUT, null, null))).isEmpty();
    }

    @Test
    void certExpiringIsRaisedOncePerCertificateWithinTheWindow() {
        Monitor m = monitor(2, 14);
        Instant farOff = T0.plus(Duration.ofDays(90));
        Instant soon = T0.plus(Duration.ofDays(10));
        Instant renewedButSoon = T0.plus(Duration.ofDays(12));
        assertThat(feed(m, withCert(farOff))).isEmpty();
        assertThat(feed(m, withCert(soon), withCert(soon), withCert(soon))).containsExactly(Type.CERT_EXPIRING);
        assertThat(feed(m, withCert(renewedButSoon), withCert(renewedButSoon))).containsExactly(Type.CERT_EXPIRING);
        assertThat(feed(monitor(2, 0), withCert(T0.plus(Duration.ofDays(1))))).isEmpty();
    }

    private CheckResult withCert(Instant notAfter) {
        return ok().toBuilder().tls(new TlsInfo("TLSv1.3", notAfter, "CA", "a.example")).build();
    }

    @Test
    void skippedResultsAreIgnored() {
        Monitor m = monitor(2, 14);
        feed(m, ok(), failing());
        assertThat(judge(m, next(Outcome.SKIPPED, null, null)).isEmpty()).isTrue();
        assertThat(feed(m, failing())).containsExactly(Type.BROKEN);
    }

    @Test
    void aRedeliveredOrOlderResultRaisesNothingNew() {
        Monitor m = monitor(2, 14);
        CheckResult first = ok();
        CheckResult older = failing();
        CheckResult f1 = failing();
        CheckResult f2 = failing();
        assertThat(feed(m, first, f1, f2)).containsExactly(Type.BROKEN);
        assertThat(judge(m, f2).isEmpty()).as("redelivered").isTrue();
        assertThat(judge(m, older).isEmpty()).as("an earlier run's result arriving late").isTrue();
        assertThat(judge(m, f1).isEmpty()).isTrue();
        assertThat(feed(m, ok())).containsExactly(Type.RECOVERED);
    }

    @Test
    void twoResultsOfOneUrlInOneBatchAreJudgedInTurn() {
        Monitor m = monitor(2, 14);
        feed(m, ok());
        List<MonitorJudge.Observation> batch = List.of(failing(), failing()).stream()
                .map(r -> new MonitorJudge.Observation(m, MonitorJobId.parse(r.jobId()).orElseThrow().tick(), r)).toList();
        MonitorBatch judged = MonitorJudge.judgeAll(batch, store);
        assertThat(judged.events()).extracting(MonitorEvent::type).containsExactly(Type.BROKEN);
        assertThat(judged.watches()).singleElement().satisfies(w -> assertThat(w.failures()).isEqualTo(2));
    }

    @Test
    void aRunCountsEachUrlOnceAsItsLatestResultInTheRun() {
        Monitor m = monitor(2, 14);
        CheckResult failed = failing();
        CheckResult recheck = failed.toBuilder().checkId("z-later").outcome(Outcome.OK).statusCode(200)
                .checkedAt(failed.checkedAt().plusSeconds(5)).build();
        Instant tick = MonitorJobId.parse(failed.jobId()).orElseThrow().tick();
        MonitorBatch first = MonitorJudge.judgeAll(List.of(new MonitorJudge.Observation(m, tick, failed)), store);
        first.watches().forEach(w -> store.put(w.key(), w));
        MonitorBatch second = MonitorJudge.judgeAll(List.of(new MonitorJudge.Observation(m, tick, recheck)), store);
        RunTally sum = first.tallies().get(0).plus(second.tallies().get(0));
        assertThat(MonitorRun.of(sum)).isEqualTo(new MonitorRun(failed.jobId(), tick, 1, 0, 1));
    }
}
