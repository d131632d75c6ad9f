package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.sink.ResultQueryParser;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON store's heap budget: what it refuses when full, how it starts over a log larger than its budget, history on disk. */
class JsonStoreBudgetTest {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    private static final Duration SNAPSHOTS = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static List<CheckResult> results(String job, int n) {
        return IntStream.range(0, n).mapToObj(i -> TestResults.ok(job, "http://b.test/" + job + "/" + i, i, T0.plusMillis(i))).toList();
    }

    private static long budgetFor(List<CheckResult> rs) {
        return rs.stream().mapToLong(r -> HeapCost.CHECK + HeapCost.URL + HeapCost.JOB_URL + HeapCost.of(r)).sum() + HeapCost.JOB;
    }

    private JsonResultStore open(long budget) {
        JsonResultStore store = new JsonResultStore(dir, SNAPSHOTS, budget);
        store.replay();
        return store;
    }

    @Test
    void aFullStoreRefusesNewResultsAsUnavailableAndAppendsNothing() throws Exception {
        String job = TestResults.unique("full");
        List<CheckResult> fit = results(job, 100);
        try (JsonResultStore store = open(budgetFor(fit))) {
            assertThat(store.storeResults(fit)).isEqualTo(100);
            long size = Files.size(dir.resolve(JsonResultStore.RESULTS_LOG));

            CheckResult more = TestResults.ok(job, "http://b.test/" + job + "/more", 1, T0);
            assertThatThrownBy(() -> store.storeResults(List.of(more)))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("JSON store full");
            assertThat(store.fullReason()).contains("heap budget").contains("100 checks of 100 URLs");
            assertThat(store.isAvailable()).isFalse();
            assertThat(Files.size(dir.resolve(JsonResultStore.RESULTS_LOG))).isEqualTo(size);

            assertThat(store.storeResults(fit.subList(0, 10))).as("a redelivery needs no room").isZero();
            assertThat(store.lookup(fit.get(0).url())).isPresent();
            assertThat(store.lookup(more.url())).isEmpty();
            assertThat(store.summary(job).total()).isEqualTo(100);
        }
    }

    @Test
    void aLogLargerThanTheBudgetStartsFullAnswersFromWhatFitsAndChangesNoFile() throws Exception {
        String job = TestResults.unique("large");
        List<CheckResult> all = results(job, 1_000);
        try (JsonResultStore store = open(Long.MAX_VALUE)) {
            store.storeResults(all);
        }
        Path log = dir.resolve(JsonResultStore.RESULTS_LOG);
        Path snapshot = dir.resolve(JsonResultStore.RESULTS_SNAPSHOT);
        long logSize = Files.size(log);
        byte[] snapshotBefore = Files.readAllBytes(snapshot);

        try (JsonResultStore store = open(budgetFor(all.subList(0, 250)))) {
            assertThat(store.replayed()).isTrue();
            assertThat(store.fullReason()).startsWith("JSON store full");
            assertThat(store.capacity().checks()).isEqualTo(250);
            assertThat(store.lookup(all.get(0).url())).isPresent();
            List<CheckResult> back = new ArrayList<>();
            store.stream(ResultQueryParser.parse(null, null, null, job, null, null, null, null, null, false), back::add);
            assertThat(back).hasSize(250);
            assertThatThrownBy(() -> store.storeResults(all.subList(900, 901))).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(Files.size(log)).isEqualTo(logSize);
        assertThat(Files.readAllBytes(snapshot)).as("a partial index never overwrites results.json").isEqualTo(snapshotBefore);

        try (JsonResultStore store = open(Long.MAX_VALUE)) {
            assertThat(store.capacity().checks()).as("with room again, everything is back").isEqualTo(1_000);
            assertThat(store.isAvailable()).isTrue();
        }
    }

    @Test
    void historyIsReadFromDiskAndARedeliveryIsRecognizedOnlyByItsOwnCheckId() throws Exception {
        String job = TestResults.unique("history");
        String url = "http://b.test/" + job;
        List<CheckResult> checks = IntStream.range(0, 5).mapToObj(i -> TestResults.ok(job, url, i, T0.plusSeconds(i))).toList();
        try (JsonResultStore store = open(Long.MAX_VALUE)) {
            checks.forEach(c -> store.storeResults(List.of(c)));
        }
        try (JsonResultStore store = open(Long.MAX_VALUE)) {
            assertThat(store.lookup(url).orElseThrow().history()).extracting(CheckResult::checkId)
                    .containsExactly(IntStream.range(0, 5).mapToObj(i -> checks.get(4 - i).checkId()).toArray(String[]::new));
            assertThat(store.storeResults(checks)).isZero();
            CheckResult sameUrlNewId = checks.get(0).toBuilder().checkId(checks.get(0).checkId() + "-x").build();
            assertThat(store.storeResults(List.of(sameUrlNewId))).isEqualTo(1);
        }
    }

    @Test
    void anOversizedOrUndecodableLineInTheMiddleIsSkippedAndTheRestReplayed() throws Exception {
        String job = TestResults.unique("damage");
        List<CheckResult> all = results(job, 3);
        Path log = dir.resolve(JsonResultStore.RESULTS_LOG);
        Files.write(log, (JsonCodec.encodeToString(all.get(0)) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(log, ("x".repeat(JsonLinesFile.MAX_LINE_BYTES + 10) + "\n{not json\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        Files.write(log, (JsonCodec.encodeToString(all.get(1)) + "\n" + JsonCodec.encodeToString(all.get(2)) + "\n")
                .getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        try (JsonResultStore store = open(Long.MAX_VALUE)) {
            assertThat(store.capacity().checks()).isEqualTo(3);
            assertThat(store.isAvailable()).isTrue();
            all.forEach(r -> assertThat(store.lookup(r.url())).isPresent());
        }
    }

    @Test
    void checkIdFingerprintsNeverForgetAndRarelyCollide() {
        CheckIdSet set = new CheckIdSet();
        List<String> ids = IntStream.range(0, 200_000).mapToObj(i -> "check-" + i).toList();
        ids.forEach(set::add);
        assertThat(set.size()).isEqualTo(200_000);
        assertThat(ids).allMatch(set::mayContain);
        long falseHits = IntStream.range(0, 200_000).filter(i -> set.mayContain("other-" + i)).count();
        assertThat(falseHits).isZero();
    }
}
