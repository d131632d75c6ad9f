package io.urlcheck.sink.store.json;

import com.fasterxml.jackson.core.type.TypeReference;
import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.sink.ResultQueryParser;
import io.urlcheck.sink.TestResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What only the JSON store promises about its files: atomic snapshots, a repaired torn tail, an exact rebuild. */
class JsonStoreFilesTest {

    private static final TypeReference<List<CheckResult>> ARRAY = new TypeReference<>() { };
    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    @TempDir
    Path dir;

    private static List<CheckResult> results(String job, int n) {
        return IntStream.range(0, n).mapToObj(i -> TestResults.ok(job, "http://f.test/" + job + "/" + i, i, T0.plusMillis(i))).toList();
    }

    @Test
    void aConcurrentReaderOnlyEverSeesWholeSnapshots() throws Exception {
        String job = TestResults.unique("atomic");
        List<CheckResult> all = results(job, 4_000);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Queue<Integer> sizes = new ConcurrentLinkedQueue<>();
        Path snapshot = dir.resolve(JsonResultStore.RESULTS_SNAPSHOT);

        try (JsonResultStore store = new JsonResultStore(dir, Duration.ofMillis(1))) {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                while (writing.get() || reads.get() < 5) {
                    if (Files.exists(snapshot)) {
                        try {
                            sizes.add(JsonCodec.mapper().readValue(snapshot.toFile(), ARRAY).size());
                            reads.incrementAndGet();
                        } catch (IOException e) {
                            throw new AssertionError("a reader saw a broken results.json", e);
                        }
                    }
                }
            });
            for (int i = 0; i < all.size(); i += 200) {
                store.storeResults(all.subList(i, i + 200));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sizes.contains(all.size()));
            writing.set(false);
            reader.get();
        }
        assertThat(reads.get()).isGreaterThanOrEqualTo(5);
        assertThat(new ArrayList<>(sizes)).isSorted().last().isEqualTo(all.size());
        assertThat(dir.resolve(JsonResultStore.RESULTS_SNAPSHOT + ".tmp")).doesNotExist();
    }

    @Test
    void aTornLastLineIsCutAndEveryWholeLineIsKept() throws Exception {
        String job = TestResults.unique("torn");
        List<CheckResult> all = results(job, 100);
        try (JsonResultStore store = new JsonResultStore(dir, Duration.ofSeconds(60))) {
            store.storeResults(all);
        }
        Path log = dir.resolve(JsonResultStore.RESULTS_LOG);
        long whole = Files.size(log);
        String next = JsonCodec.encodeToString(TestResults.ok(job, "http://f.test/torn", 1, T0));
        Files.writeString(log, next.substring(0, next.length() / 2), StandardOpenOption.APPEND); // kill -9 mid-write

        try (JsonResultStore store = new JsonResultStore(dir, Duration.ofSeconds(60))) {
            assertThat(Files.size(log)).isEqualTo(whole);
            List<CheckResult> back = new ArrayList<>();
            store.stream(ResultQueryParser.parse(null, null, null, job, null, null, null, null, null, false), back::add);
            assertThat(back).hasSize(100);
            CheckResult after = TestResults.ok(job, "http://f.test/after", 1, T0);
            store.storeResults(List.of(after));
            assertThat(store.lookup(after.url())).isPresent();
        }
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).hasSize(101)
                .allSatisfy(l -> JsonCodec.decode(l.getBytes(StandardCharsets.UTF_8), CheckResult.class));
    }

    @Test
    void theIndexIsRebuiltExactlyFromTheLogAndTheSnapshotRewrittenAtClose() throws Exception {
        String job = TestResults.unique("rebuild");
        List<CheckResult> first = results(job, 300);
        List<CheckResult> second = first.stream().map(r -> r.toBuilder().checkId(r.checkId() + "-again")
                .checkedAt(r.checkedAt().plusSeconds(5)).responseTimeMs(999L).build()).toList();
        try (JsonResultStore store = new JsonResultStore(dir, Duration.ofSeconds(60))) {
            store.storeResults(first);
            store.storeResults(second.subList(0, 150));
            store.storeJob(TestResults.totals(job, 300, 0, true, T0));
        }
        List<CheckResult> snapshot = JsonCodec.mapper().readValue(dir.resolve(JsonResultStore.RESULTS_SNAPSHOT).toFile(), ARRAY);
        assertThat(snapshot).hasSize(300).filteredOn(r -> r.responseTimeMs() == 999L).hasSize(150);

        Files.delete(dir.resolve(JsonResultStore.RESULTS_SNAPSHOT)); // the log alone is the truth
        try (JsonResultStore store = new JsonResultStore(dir, Duration.ofSeconds(60))) {
            assertThat(store.storeResults(first)).isZero();
            assertThat(store.job(job).orElseThrow().checked()).isEqualTo(300);
            assertThat(store.summary(job).slowest().get(0).responseTimeMs()).isEqualTo(999);
            assertThat(store.lookup(first.get(0).url()).orElseThrow().history()).hasSize(2);
        }
        assertThat(dir.resolve(JsonResultStore.RESULTS_SNAPSHOT)).exists();
    }

    @Test
    void closingWritesTheLastSnapshotWithoutWaitingForTheWritersNextTurn() throws Exception {
        JsonResultStore store = new JsonResultStore(dir, Duration.ofMinutes(10));
        store.storeResults(results(TestResults.unique("close"), 10));

        long start = System.nanoTime();
        store.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(JsonCodec.mapper().readValue(dir.resolve(JsonResultStore.RESULTS_SNAPSHOT).toFile(), ARRAY)).hasSize(10);
    }
}
