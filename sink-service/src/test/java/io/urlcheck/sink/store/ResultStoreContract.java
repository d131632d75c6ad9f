package io.urlcheck.sink.store;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.contract.Outcome;
import io.urlcheck.sink.JobProgress;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQuery;
import io.urlcheck.sink.ResultQueryParser;
import io.urlcheck.sink.SortOrder;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.UrlHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/** The behaviour every {@link ResultStore} owes the API and the consumer; each store runs it against the real thing. */
public abstract class ResultStoreContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    protected ResultStore store;

    /** A fresh, empty store. */
    protected abstract ResultStore newStore() throws Exception;

    /** The same store closed and opened again, as after a restart. */
    protected abstract ResultStore reopen(ResultStore old) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static ResultQuery query(String outcome, String status, String host, String jobId, String q, String since,
                             String sort, String limit, String cursor) {
        return ResultQueryParser.parse(outcome, status, host, jobId, q, since, sort, limit, cursor, true);
    }

    static ResultQuery byJob(String jobId) {
        return query(null, null, null, jobId, null, null, null, "1000", null);
    }

    static List<String> urls(ResultPage page) {
        return page.items().stream().map(CheckResult::url).toList();
    }

    @Test
    void redeliveredResultIsStoredOnce() throws Exception {
        String job = TestResults.unique("redeliver");
        CheckResult r = TestResults.ok(job, "http://a.test/" + job, 10, T0);

        assertThat(store.storeResults(List.of(r))).isEqualTo(1);
        assertThat(store.storeResults(List.of(r))).isZero();
        assertThat(store.storeResults(List.of(r, r))).isZero();

        store = reopen(store);
        assertThat(store.storeResults(List.of(r))).isZero();
        assertThat(store.lookup(r.url()).orElseThrow().history()).extracting(CheckResult::checkId).containsExactly(r.checkId());
        assertThat(store.find(byJob(job)).items()).hasSize(1);
        assertThat(store.job(job).orElseThrow().checked()).isEqualTo(1);
    }

    @Test
    void whereALinkWasFoundIsStoredAndReturned() throws Exception {
        String job = TestResults.unique("source");
        CheckResult found = TestResults.failed(job, "http://a.test/" + job, Outcome.HTTP_ERROR, 404, 5L, T0).toBuilder()
                .source(new LinkSource("docs/guide.md", 42)).build();
        CheckResult listed = TestResults.ok(job, "http://b.test/" + job, 5, T0);

        store.storeResults(List.of(found, listed));
        store = reopen(store);

        assertThat(store.find(byJob(job)).items()).extracting(CheckResult::url, CheckResult::source).containsExactlyInAnyOrder(
                tuple(found.url(), new LinkSource("docs/guide.md", 42)), tuple(listed.url(), null));
        assertThat(store.lookup(found.url()).orElseThrow().latest().source()).isEqualTo(new LinkSource("docs/guide.md", 42));
    }

    @Test
    void olderResultNeverOverwritesNewer() {
        String job = TestResults.unique("order");
        String url = "http://a.test/" + job;
        CheckResult newer = TestResults.failed(job, url, Outcome.HTTP_ERROR, 500, 20L, T0.plusSeconds(60));
        CheckResult older = TestResults.ok(job, url, 10, T0);

        store.storeResults(List.of(newer));
        store.storeResults(List.of(older));

        UrlHistory h = store.lookup(url).orElseThrow();
        assertThat(h.latest().checkId()).isEqualTo(newer.checkId());
        assertThat(h.history()).extracting(CheckResult::checkId).containsExactly(newer.checkId(), older.checkId());
        assertThat(store.find(byJob(job)).items()).extracting(CheckResult::checkId).containsExactly(newer.checkId());
        assertThat(store.job(job).orElseThrow().outcomes()).containsEntry("HTTP_ERROR", 1L).doesNotContainKey("OK");
    }

    @Test
    void newerResultReplacesLatestEvenInTheSameBatch() {
        String job = TestResults.unique("newer");
        String url = "http://a.test/" + job;
        CheckResult first = TestResults.ok(job, url, 10, T0);
        CheckResult second = TestResults.failed(job, url, Outcome.TIMEOUT, null, 5000L, T0.plusSeconds(1));
        CheckResult third = TestResults.ok(job, url, 12, T0.plusSeconds(2));

        assertThat(store.storeResults(List.of(second, first))).isEqualTo(2);
        assertThat(store.lookup(url).orElseThrow().latest().checkId()).isEqualTo(second.checkId());
        store.storeResults(List.of(third));
        assertThat(store.lookup(url).orElseThrow().latest().checkId()).isEqualTo(third.checkId());
        assertThat(store.find(byJob(job)).items()).extracting(CheckResult::checkId).containsExactly(third.checkId());
    }

    @Test
    void aLargeBatchOfRepeatsAndRedeliveriesKeepsTheNewestPerUrlAndStoresEachCheckOnce() {
        String job = TestResults.unique("large");
        List<CheckResult> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String url = "http://l" + (i % 7) + ".test/" + job + "/" + i;
            for (int k = 0; k < 3; k++) { // three checks per URL, newest last, in a shuffled batch below
                all.add(TestResults.failed(job, url, k == 2 ? Outcome.OK : Outcome.TIMEOUT, k == 2 ? 200 : null, 10L + i + k,
                        T0.plusSeconds(k)));
            }
        }
        List<CheckResult> batch = new ArrayList<>(all);
        batch.addAll(all.subList(0, 100)); // redelivered inside the same batch
        java.util.Collections.shuffle(batch, new java.util.Random(3));

        assertThat(store.storeResults(batch)).isEqualTo(900);
        assertThat(store.storeResults(batch)).isZero();

        assertThat(store.job(job).orElseThrow().checked()).isEqualTo(300);
        assertThat(store.summary(job).byOutcome()).containsOnly(entry("OK", 300L));
        assertThat(store.lookup(all.get(3).url()).orElseThrow().history()).hasSize(3);
        Set<String> latest = new HashSet<>();
        store.stream(ResultQueryParser.parse(null, null, null, job, null, null, null, null, null, false), r -> latest.add(r.checkId()));
        assertThat(latest).hasSize(300).allMatch(id -> all.stream().filter(r -> r.checkId().equals(id)).allMatch(r -> r.outcome() == Outcome.OK));
    }

    @Test
    void aTieOnCheckedAtIsBrokenByCheckIdInEveryStore() {
        String job = TestResults.unique("tie");
        String url = "http://a.test/" + job;
        CheckResult a = TestResults.ok(job, url, 10, T0).toBuilder().checkId("aaaa-" + job).build();
        CheckResult b = TestResults.ok(job, url, 11, T0).toBuilder().checkId("bbbb-" + job).build();

        store.storeResults(List.of(b));
        store.storeResults(List.of(a));

        assertThat(store.lookup(url).orElseThrow().latest().checkId()).isEqualTo(b.checkId());
    }

    @Test
    void everyFilterSelectsExactlyItsRows() {
        String job = TestResults.unique("filters");
        CheckResult ok = TestResults.ok(job, "http://alpha.test/" + job + "/ok", 10, T0);
        CheckResult notFound = TestResults.failed(job, "http://beta.test/" + job + "/missing", Outcome.HTTP_ERROR, 404, 20L, T0.plusSeconds(10));
        CheckResult error = TestResults.failed(job, "http://beta.test/" + job + "/boom", Outcome.HTTP_ERROR, 503, 30L, T0.plusSeconds(20));
        CheckResult timeout = TestResults.failed(job, "http://gamma.test/" + job + "/slow", Outcome.TIMEOUT, null, 9000L, T0.plusSeconds(30));
        CheckResult invalid = TestResults.failed(job, "::nope " + job, Outcome.INVALID_URL, null, null, T0.plusSeconds(40));
        store.storeResults(List.of(ok, notFound, error, timeout, invalid));

        assertThat(urls(store.find(query("HTTP_ERROR", null, null, job, null, null, null, null, null))))
                .containsExactlyInAnyOrder(notFound.url(), error.url());
        assertThat(urls(store.find(query("timeout", null, null, job, null, null, null, null, null)))).containsExactly(timeout.url());
        assertThat(urls(store.find(query(null, "404", null, job, null, null, null, null, null)))).containsExactly(notFound.url());
        assertThat(urls(store.find(query(null, "5xx", null, job, null, null, null, null, null)))).containsExactly(error.url());
        assertThat(urls(store.find(query(null, "2xx", null, job, null, null, null, null, null)))).containsExactly(ok.url());
        assertThat(urls(store.find(query(null, null, "beta.test", job, null, null, null, null, null))))
                .containsExactlyInAnyOrder(notFound.url(), error.url());
        assertThat(urls(store.find(query(null, null, "BETA.test", job, null, null, null, null, null)))).hasSize(2);
        assertThat(urls(store.find(query(null, null, null, job, "MISSING", null, null, null, null)))).containsExactly(notFound.url());
        assertThat(urls(store.find(query(null, null, null, job, "title of http://alpha", null, null, null, null)))).containsExactly(ok.url());
        assertThat(urls(store.find(query(null, null, null, job, "100%_", null, null, null, null)))).isEmpty();
        assertThat(urls(store.find(query(null, null, null, job, null, T0.plusSeconds(30).toString(), null, null, null))))
                .containsExactlyInAnyOrder(timeout.url(), invalid.url());
        assertThat(urls(store.find(query("HTTP_ERROR", "5xx", "beta.test", job, "boom", T0.toString(), null, null, null))))
                .containsExactly(error.url());
        assertThat(urls(store.find(query(null, null, null, TestResults.unique("other"), null, null, null, null, null)))).isEmpty();
    }

    @Test
    void everySortPagesThroughAllRowsOnceInOrder() {
        String job = TestResults.unique("pages");
        List<CheckResult> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Long rt = i % 5 == 0 ? null : (long) (i % 7) * 10; // ties and nulls on purpose
            all.add(TestResults.failed(job, "http://p.test/" + job + "/" + i, rt == null ? Outcome.TIMEOUT : Outcome.OK,
                    rt == null ? null : 200, rt, T0.plusSeconds(i % 4)));
        }
        store.storeResults(all);

        for (SortOrder sort : SortOrder.values()) {
            List<CheckResult> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                ResultPage page = store.find(query(null, null, null, job, null, null, sort.param(), "10", cursor));
                seen.addAll(page.items());
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(pages).as(sort.param()).isEqualTo(3);
            assertThat(seen).as(sort.param()).extracting(CheckResult::checkId).doesNotHaveDuplicates().hasSize(25);
            Comparator<CheckResult> order = Comparator.<CheckResult>comparingLong(r -> ResultQuery.sortKey(r, sort))
                    .thenComparing(CheckResult::url);
            assertThat(seen).as(sort.param()).isSortedAccordingTo(sort.descending() ? order.reversed() : order);
        }
    }

    @Test
    void streamingReturnsEveryMatchingRowUnlessLimited() {
        String job = TestResults.unique("stream");
        List<CheckResult> all = IntStream.range(0, 30)
                .mapToObj(i -> TestResults.ok(job, "http://s.test/" + job + "/" + i, i, T0.plusSeconds(i))).toList();
        store.storeResults(all);

        List<CheckResult> streamed = new ArrayList<>();
        store.stream(ResultQueryParser.parse(null, null, null, job, null, null, "checkedAt", null, null, false), streamed::add);
        assertThat(streamed).extracting(CheckResult::checkId).containsExactlyElementsOf(all.stream().map(CheckResult::checkId).toList());

        List<CheckResult> limited = new ArrayList<>();
        store.stream(ResultQueryParser.parse(null, null, null, job, null, null, "-checkedAt", "5", null, false), limited::add);
        assertThat(limited).extracting(CheckResult::url).containsExactly(
                all.get(29).url(), all.get(28).url(), all.get(27).url(), all.get(26).url(), all.get(25).url());
    }

    @Test
    void summaryCountsLatencyPercentilesSlowestAndFailingHosts() {
        String job = TestResults.unique("summary");
        List<CheckResult> rs = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            rs.add(TestResults.ok(job, "http://fast.test/" + job + "/" + i, i, T0));
        }
        for (int i = 0; i < 3; i++) {
            rs.add(TestResults.failed(job, "http://bad.test/" + job + "/" + i, Outcome.HTTP_ERROR, 500, 1000L + i, T0));
        }
        rs.add(TestResults.failed(job, "http://worse.test/" + job, Outcome.CONNECTION_REFUSED, null, null, T0));
        rs.add(TestResults.failed(job, "junk " + job, Outcome.INVALID_URL, null, null, T0));
        store.storeResults(rs);

        Summary s = store.summary(job);
        assertThat(s.total()).isEqualTo(105);
        assertThat(s.byOutcome()).containsEntry("OK", 100L).containsEntry("HTTP_ERROR", 3L)
                .containsEntry("CONNECTION_REFUSED", 1L).containsEntry("INVALID_URL", 1L);
        assertThat(s.byStatusClass()).containsEntry("2xx", 100L).containsEntry("5xx", 3L).containsEntry("none", 2L);
        assertThat(s.latencyMs()).isEqualTo(new Summary.Latency(52L, 93L, 1001L));
        assertThat(s.slowest()).hasSize(10);
        assertThat(s.slowest().get(0)).isEqualTo(new Summary.Slow("http://bad.test/" + job + "/2", 1002));
        assertThat(s.slowest().get(3)).isEqualTo(new Summary.Slow("http://fast.test/" + job + "/100", 100));
        assertThat(s.failingHosts()).containsExactly(new Summary.FailingHost("bad.test", 3), new Summary.FailingHost("worse.test", 1));

        assertThat(store.summary(null).total()).isGreaterThanOrEqualTo(105);
    }

    @Test
    void summaryFollowsEachUrlsLatestResultAsResultsReplaceOneAnother() {
        String job = TestResults.unique("moving");
        String url = "http://flaky.test/" + job;
        CheckResult failed = TestResults.failed(job, url, Outcome.HTTP_ERROR, 503, 5000L, T0);
        CheckResult recovered = TestResults.ok(job, url, 7, T0.plusSeconds(10));
        CheckResult stale = TestResults.failed(job, url, Outcome.TIMEOUT, null, 9000L, T0.plusSeconds(5));
        CheckResult steady = TestResults.ok(job, "http://steady.test/" + job, 3, T0);

        store.storeResults(List.of(failed, steady));
        Summary before = store.summary(job);
        assertThat(before.byOutcome()).containsOnly(entry("HTTP_ERROR", 1L), entry("OK", 1L));
        assertThat(before.failingHosts()).containsExactly(new Summary.FailingHost("flaky.test", 1));
        assertThat(before.slowest().get(0)).isEqualTo(new Summary.Slow(url, 5000));

        store.storeResults(List.of(recovered));
        store.storeResults(List.of(stale, recovered)); // older, and a redelivery: neither changes the latest state

        Summary after = store.summary(job);
        assertThat(after.total()).isEqualTo(2);
        assertThat(after.byOutcome()).containsOnly(entry("OK", 2L));
        assertThat(after.byStatusClass()).containsOnly(entry("2xx", 2L));
        assertThat(after.latencyMs()).isEqualTo(new Summary.Latency(3L, 7L, 7L));
        assertThat(after.slowest()).containsExactly(new Summary.Slow(url, 7), new Summary.Slow("http://steady.test/" + job, 3));
        assertThat(after.failingHosts()).isEmpty();
        assertThat(store.job(job).orElseThrow().outcomes()).containsOnly(entry("OK", 2L));
        Summary all = store.summary(null);
        assertThat(all.slowest()).doesNotContain(new Summary.Slow(url, 5000), new Summary.Slow(url, 9000));
        assertThat(all.failingHosts()).extracting(Summary.FailingHost::host).doesNotContain("flaky.test");
    }

    @Test
    void tabsNewlinesAndBackslashesSurviveTheStore() {
        String job = TestResults.unique("escapes");
        String url = "http://esc.test/" + job + "/a\\b";
        CheckResult r = TestResults.ok(job, url, 10, T0).toBuilder().title("tab\there\nline \\N back\\slash\r").build();
        store.storeResults(List.of(r));

        assertThat(store.lookup(url).orElseThrow().latest()).isEqualTo(r);
        assertThat(store.find(query(null, null, null, job, "here\nline \\N back\\", null, null, null, null)).items()).containsExactly(r);
    }

    @Test
    void summaryOfAnUnknownJobIsEmpty() {
        Summary s = store.summary(TestResults.unique("nobody"));
        assertThat(s.total()).isZero();
        assertThat(s.byOutcome()).isEmpty();
        assertThat(s.latencyMs()).isEqualTo(new Summary.Latency(null, null, null));
        assertThat(s.slowest()).isEmpty();
        assertThat(s.failingHosts()).isEmpty();
    }

    @Test
    void jobProgressCountsDistinctUrlsAgainstTheProducersTotals() {
        String job = TestResults.unique("progress");
        store.storeJob(TestResults.totals(job, 3, 1, false, T0));
        store.storeResults(List.of(
                TestResults.ok(job, "http://j.test/" + job + "/1", 10, T0.plusSeconds(1)),
                TestResults.ok(job, "http://j.test/" + job + "/1", 11, T0.plusSeconds(2)),
                TestResults.failed(job, "bad " + job, Outcome.INVALID_URL, null, null, T0.plusSeconds(2))));

        JobProgress p = JobProgress.of(store.job(job).orElseThrow(), T0.plusSeconds(4));
        assertThat(p.expected()).isEqualTo(4);
        assertThat(p.checked()).isEqualTo(2);
        assertThat(p.remaining()).isEqualTo(2);
        assertThat(p.done()).isFalse();
        assertThat(p.outcomes()).containsEntry("OK", 1L).containsEntry("INVALID_URL", 1L);

        store.storeJob(new JobTotals(JobTotals.SCHEMA_VERSION, job, 3, 2, 1, 0, 0, true, T0, T0.plusSeconds(3)));
        store.storeResults(List.of(TestResults.ok(job, "http://j.test/" + job + "/2", 10, T0.plusSeconds(3))));
        JobProgress done = JobProgress.of(store.job(job).orElseThrow(), T0.plusSeconds(100));
        assertThat(done.done()).isTrue();
        assertThat(done.checked()).isEqualTo(3);
        assertThat(done.startedAt()).isEqualTo(T0);
        assertThat(done.ratePerSecond()).isEqualTo(1.0);
        assertThat(done.etaSeconds()).isZero();
    }

    @Test
    void contributorsTotalsOfAJobAreSummedAndSurviveAReopen() throws Exception {
        String job = TestResults.unique("intake");
        store.storeJob(contribution(job, "pod-a-1.1", 10, false, T0.plusSeconds(1)));
        store.storeJob(contribution(job, "pod-b-1.1", 20, false, T0.plusSeconds(2)));
        store.storeJob(contribution(job, "pod-a-1.1", 15, false, T0.plusSeconds(3)));
        store.storeJob(contribution(job, "pod-a-1.1", 12, false, T0.plusSeconds(2))); // redelivered, older: ignored
        store.storeJob(contribution(job, "pod-a-2.1", 5, false, T0.plusSeconds(4)));  // pod a restarted

        assertThat(store.job(job).orElseThrow().totals()).satisfies(t -> {
            assertThat(t.accepted()).isEqualTo(40);
            assertThat(t.submitted()).isEqualTo(43);
            assertThat(t.openEnded()).isTrue();
            assertThat(t.complete()).isFalse();
            assertThat(t.startedAt()).isEqualTo(T0);
            assertThat(t.updatedAt()).isEqualTo(T0.plusSeconds(4));
        });

        store = reopen(store);
        store.storeJob(contribution(job, "pod-b-1.1", 21, true, T0.plusSeconds(5)));
        JobProgress p = JobProgress.of(store.job(job).orElseThrow(), T0.plusSeconds(6));
        assertThat(p.accepted()).isEqualTo(41);
        assertThat(p.openEnded()).isTrue();
        assertThat(p.complete()).as("pod-a's parts are still open").isFalse();
        assertThat(store.recentJobs(1000)).extracting(JobStats::jobId).contains(job);
    }

    private static JobTotals contribution(String job, String contributor, long accepted, boolean complete, Instant at) {
        return new JobTotals(JobTotals.SCHEMA_VERSION, job, accepted + 1, accepted, 0, 1, 0, complete, T0, at, contributor, true);
    }

    @Test
    void aUrlCheckedInTwoJobsCountsInEachAndHasOneGlobalLatest() {
        String a = TestResults.unique("job-a");
        String b = TestResults.unique("job-b");
        String url = "http://shared.test/" + a;
        CheckResult inA = TestResults.ok(a, url, 10, T0);
        CheckResult inB = TestResults.failed(b, url, Outcome.HTTP_ERROR, 404, 5L, T0.plusSeconds(5));
        store.storeResults(List.of(inA, inB));

        assertThat(store.job(a).orElseThrow().checked()).isEqualTo(1);
        assertThat(store.job(b).orElseThrow().checked()).isEqualTo(1);
        assertThat(store.find(byJob(a)).items()).extracting(CheckResult::checkId).containsExactly(inA.checkId());
        assertThat(store.summary(a).byOutcome()).containsOnlyKeys("OK");
        assertThat(store.lookup(url).orElseThrow().latest().checkId()).isEqualTo(inB.checkId());
    }

    @Test
    void unknownUrlAndJobAreEmptyAndRecentJobsAreNewestFirst() {
        assertThat(store.lookup("http://never.test/" + TestResults.unique("x"))).isEmpty();
        assertThat(store.job(TestResults.unique("never"))).isEmpty();

        String old = TestResults.unique("old");
        String recent = TestResults.unique("recent");
        Instant now = Instant.now();
        store.storeJob(TestResults.totals(old, 1, 0, true, now.minusSeconds(60)));
        store.storeJob(TestResults.totals(recent, 1, 0, true, now));

        List<String> ids = store.recentJobs(1000).stream().map(JobStats::jobId).toList();
        assertThat(ids).containsSubsequence(recent, old);
        assertThat(store.recentJobs(1)).hasSize(1);
    }

    @Test
    void storedResultsSurviveARestart() throws Exception {
        String job = TestResults.unique("restart");
        List<CheckResult> all = IntStream.range(0, 50)
                .mapToObj(i -> TestResults.ok(job, "http://r.test/" + job + "/" + (i % 40), i, T0.plusSeconds(i))).toList();
        store.storeResults(all);
        store.storeJob(TestResults.totals(job, 40, 0, true, T0));

        store = reopen(store);

        Set<String> latestIds = new HashSet<>();
        store.stream(ResultQueryParser.parse(null, null, null, job, null, null, null, null, null, false),
                r -> latestIds.add(r.checkId()));
        assertThat(latestIds).hasSize(40).containsAll(all.subList(10, 50).stream().map(CheckResult::checkId).toList());
        assertThat(JobProgress.of(store.job(job).orElseThrow(), Instant.now()).done()).isTrue();
        assertThat(store.lookup(all.get(0).url()).orElseThrow().history()).hasSize(2);
    }
}
