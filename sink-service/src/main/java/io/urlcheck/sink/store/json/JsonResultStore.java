package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQuery;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.UrlHistory;
import io.urlcheck.sink.store.Pages;
import io.urlcheck.sink.store.ResultStore;
import io.urlcheck.sink.store.StoreUnavailableException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded store: {@code results.jsonl} (every check, appended and fsynced before a write returns),
 * {@code jobs.jsonl} (every totals update, likewise) and {@code results.json} (the latest result per
 * URL, rewritten atomically at most once per snapshot interval, resting longer after a long rewrite
 * ({@link SnapshotPace}), and at close). The in-memory index is
 * rebuilt from the JSON Lines files at start, streaming, and holds at most its heap budget: a check
 * that would not fit is refused (the store is then <em>full</em>: it takes no more results, which wait
 * in Kafka, and says why in {@link #fullReason()}). History stays on disk. See DESIGN.md for the limits.
 */
public final class JsonResultStore implements ResultStore {

    private static final Logger LOG = Logger.getLogger(JsonResultStore.class);

    /** The file names inside the store's directory. */
    public static final String RESULTS_LOG = "results.jsonl";
    public static final String RESULTS_SNAPSHOT = "results.json";
    public static final String JOBS_LOG = "jobs.jsonl";

    /** The index's budget when none is given: half the heap the JVM may grow to. */
    public static final int DEFAULT_HEAP_PERCENT = 50;

    private final Path dir;
    private final ResultIndex index;
    private final JsonLinesFile results;
    private final JsonLinesFile jobs;
    private final SnapshotFile snapshot;
    private final ScheduledExecutorService snapshotter;
    private final Duration snapshotInterval;
    private final Object writeLock = new Object();
    private volatile boolean dirty;
    private volatile boolean available = true;
    private volatile boolean replayed;
    private volatile boolean closing;
    private volatile String replayFailure;
    private volatile String fullReason;
    private volatile Thread replayThread;
    private final AtomicLong version = new AtomicLong();

    /** Opens (or creates) the store in {@code dir} with the default budget and replays it before returning. */
    public JsonResultStore(Path dir, Duration snapshotInterval) {
        this(dir, snapshotInterval, budgetOf(DEFAULT_HEAP_PERCENT));
        replay();
    }

    /**
     * Opens (or creates) the store in {@code dir}, whose index may hold {@code indexBudgetBytes} of heap.
     * Nothing is read yet: call {@link #replay()} or {@link #replayInBackground()}.
     */
    public JsonResultStore(Path dir, Duration snapshotInterval, long indexBudgetBytes) {
        this.dir = dir;
        this.index = new ResultIndex(indexBudgetBytes);
        try {
            Files.createDirectories(dir);
            this.results = JsonLinesFile.open(dir.resolve(RESULTS_LOG));
            this.jobs = JsonLinesFile.open(dir.resolve(JOBS_LOG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the JSON store at " + dir.toAbsolutePath(), e);
        }
        this.snapshot = new SnapshotFile(dir.resolve(RESULTS_SNAPSHOT));
        this.snapshotInterval = Duration.ofMillis(Math.max(1, snapshotInterval.toMillis()));
        ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("json-store-snapshot"));
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a pending turn is dropped: close() writes the last
        this.snapshotter = writer;
        scheduleSnapshot(this.snapshotInterval);
    }

    /** The writer's next turn, {@code after} from now; none once the store is closing (close writes the last). */
    private void scheduleSnapshot(Duration after) {
        try {
            snapshotter.schedule(this::snapshotOnSchedule, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("the snapshot writer is shut down; close() writes the last snapshot");
        }
    }

    /** A turn of the writer: rewrites results.json if anything changed, then rests in proportion ({@link SnapshotPace}). */
    private void snapshotOnSchedule() {
        long start = System.nanoTime();
        snapshotIfDirty();
        scheduleSnapshot(SnapshotPace.next(snapshotInterval, Duration.ofNanos(System.nanoTime() - start)));
    }

    /** Opens the store in {@code dir} and starts its replay on a thread of its own (see {@link #replayInBackground()}). */
    public static JsonResultStore replayingInBackground(Path dir, Duration snapshotInterval, long indexBudgetBytes) {
        JsonResultStore store = new JsonResultStore(dir, snapshotInterval, indexBudgetBytes);
        store.replayInBackground();
        return store;
    }

    /** {@code percent} (1 to 90) of the heap this JVM may grow to ({@code -Xmx}), in bytes. */
    public static long budgetOf(int percent) {
        if (percent < 1 || percent > 90) {
            throw new IllegalArgumentException("urlcheck.sink.json.index-heap-percent must be 1 to 90, not " + percent);
        }
        return Runtime.getRuntime().maxMemory() / 100 * percent;
    }

    /** Replays the JSON Lines files on a thread of its own; until it is done, writes are refused as unavailable. */
    public void replayInBackground() {
        replayThread = DaemonThreads.start("json-store-replay", this::replay);
    }

    /**
     * Rebuilds the index from the JSON Lines files, one line at a time. Stops at the first check that
     * would not fit in the budget: the store is then full and read-only, and answers from what it read.
     * Never throws: a store it cannot read is unavailable, with the reason logged.
     */
    public void replay() {
        long start = System.nanoTime();
        try {
            IndexReplay.Outcome outcome = IndexReplay.run(results, jobs, index, this::isStored, () -> closing);
            if (outcome.notFitting() != null) {
                full(outcome.notFitting());
            }
            if (!outcome.results().complete() && fullReason != null) {
                LOG.errorf("the JSON store started full: %s was read up to byte %d of %d, and answers cover that part only;"
                        + " results.json is left as it was", results.path(), outcome.results().end(), results.size());
            }
            this.dirty = fullReason == null && !Files.exists(snapshot.target());
            LOG.infof("JSON store at %s: %d checks of %d URLs replayed in %d ms (index ~%d of %d MB)", dir.toAbsolutePath(),
                    index.size(), index.urls(), (System.nanoTime() - start) / 1_000_000, index.bytes() >> 20, index.budgetBytes() >> 20);
        } catch (IOException | RuntimeException e) {
            available = false;
            replayFailure = "cannot read the JSON store at " + dir.toAbsolutePath() + ": " + e.getMessage();
            LOG.errorf(e, "%s; it takes no writes", replayFailure);
            return;
        }
        version.incrementAndGet();
        replayed = true;
    }

    /** Marks the store full, for good: it refuses new results from now on. */
    private void full(String what) {
        if (fullReason == null) {
            fullReason = String.format("JSON store full: its index reached its heap budget of %d MB with %d checks of %d URLs"
                            + " while adding %s; new results are refused and wait in Kafka. Give the sink more heap"
                            + " (or a larger urlcheck.sink.json.index-heap-percent), or use the PostgreSQL store",
                    index.budgetBytes() >> 20, index.size(), index.urls(), what);
            LOG.error(fullReason);
        }
    }

    /** True when a result with {@code r}'s check id is in results.jsonl (confirmed on disk, among its URL's checks). */
    private boolean isStored(CheckResult r) throws IOException {
        for (long offset : index.offsetsOf(r.url())) {
            if (results.read(offset, CheckResult.class).checkId().equals(r.checkId())) {
                return true;
            }
        }
        return false;
    }

    /** True once the JSON Lines files were read (completely, or up to the budget). */
    public boolean replayed() {
        return replayed;
    }

    /** Why the store takes no more results, null while it does. */
    public String fullReason() {
        return fullReason;
    }

    /** What the index holds and may hold, for metrics. */
    public record Capacity(long checks, long urls, long bytes, long budgetBytes) {
    }

    public Capacity capacity() {
        return new Capacity(index.size(), index.urls(), index.bytes(), index.budgetBytes());
    }

    @Override
    public int storeResults(List<CheckResult> batch) {
        synchronized (writeLock) {
            refuseUntilReplayed();
            List<CheckResult> fresh = new ArrayList<>(batch.size());
            Set<String> inBatch = new HashSet<>();
            try {
                for (CheckResult r : batch) {
                    if (inBatch.add(r.checkId()) && !(index.mayContain(r.checkId()) && isStored(r))) {
                        fresh.add(r);
                    }
                }
            } catch (IOException e) {
                available = false;
                throw new StoreUnavailableException("cannot read " + results.path() + ": " + e.getMessage(), e);
            }
            if (fresh.isEmpty()) {
                return 0;
            }
            if (fullReason != null || !index.fits(index.costOf(fresh))) {
                full(fresh.size() + " new results");
                throw new StoreUnavailableException(fullReason, null);
            }
            List<byte[]> lines = new ArrayList<>(fresh.size());
            for (CheckResult r : fresh) {
                lines.add(JsonCodec.encode(r));
            }
            long[] offsets;
            try {
                offsets = results.append(lines);
                available = true;
            } catch (IOException e) {
                available = false;
                throw new StoreUnavailableException("cannot append to " + results.path() + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < offsets.length; i++) {
                index.add(fresh.get(i), offsets[i]);
            }
            version.incrementAndGet();
            dirty = true;
            return fresh.size();
        }
    }

    @Override
    public void storeJob(JobTotals totals) {
        synchronized (writeLock) {
            refuseUntilReplayed();
            if (!index.fits(index.costOf(totals))) {
                full("the totals of job " + totals.jobId());
                throw new StoreUnavailableException(fullReason, null);
            }
            try {
                jobs.append(List.of(JsonCodec.encode(totals)));
                available = true;
            } catch (IOException e) {
                available = false;
                throw new StoreUnavailableException("cannot append to " + jobs.path() + ": " + e.getMessage(), e);
            }
            index.putTotals(totals);
            version.incrementAndGet();
        }
    }

    private void refuseUntilReplayed() {
        if (replayFailure != null) {
            throw new StoreUnavailableException(replayFailure, null);
        }
        if (!replayed) {
            throw new StoreUnavailableException("the JSON store at " + dir.toAbsolutePath() + " is still reading "
                    + RESULTS_LOG + " (" + index.size() + " checks so far)", null);
        }
    }

    @Override
    public ResultPage find(ResultQuery query) {
        return Pages.of(select(query, query.limit() + 1).toList(), query);
    }

    @Override
    public void stream(ResultQuery query, Consumer<CheckResult> sink) {
        select(query, query.limit() == null ? Long.MAX_VALUE : query.limit()).forEach(sink);
    }

    private Stream<CheckResult> select(ResultQuery query, long max) {
        Collection<CheckResult> source = query.jobId() == null ? index.latest() : index.jobLatest(query.jobId());
        Comparator<CheckResult> order = Comparator.<CheckResult>comparingLong(r -> ResultQuery.sortKey(r, query.sort()))
                .thenComparing(CheckResult::url);
        if (query.sort().descending()) {
            order = order.reversed();
        }
        return source.stream()
                .filter(query::matches)
                .filter(r -> query.cursor() == null || query.cursor().follows(ResultQuery.sortKey(r, query.sort()), r.url()))
                .sorted(order)
                .limit(max);
    }

    @Override
    public Optional<UrlHistory> lookup(String url) {
        ResultIndex.UrlChecks found = index.checksOf(url);
        if (found == null) {
            return Optional.empty();
        }
        List<CheckResult> checks = new ArrayList<>(found.offsets().length);
        for (long offset : found.offsets()) {
            try {
                checks.add(results.read(offset, CheckResult.class));
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot read the history of " + url + " from " + results.path()
                        + ": " + e.getMessage(), e);
            }
        }
        checks.sort((a, b) -> a.isNewerThan(b) ? -1 : b.isNewerThan(a) ? 1 : 0);
        return Optional.of(new UrlHistory(found.latest(), checks));
    }

    @Override
    public Summary summary(String jobId) {
        return index.summary(jobId);
    }

    @Override
    public Optional<JobStats> job(String jobId) {
        return index.job(jobId);
    }

    @Override
    public List<JobStats> recentJobs(int limit) {
        return index.recentJobs(limit);
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public boolean isAvailable() {
        return available && replayed && fullReason == null;
    }

    /** Rewrites results.json now when anything changed since the last rewrite. */
    public void snapshotIfDirty() {
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            snapshot.write(index.latest());
        } catch (IOException | RuntimeException e) {
            dirty = true;
            LOG.errorf(e, "cannot rewrite %s; results.jsonl still holds every result, retrying next interval", snapshot.target());
        }
    }

    @Override
    public void close() {
        closing = true;
        Thread replaying = replayThread;
        if (replaying != null) {
            try {
                replaying.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        snapshotter.shutdown();
        try {
            if (!snapshotter.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the snapshot writer did not stop within 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writeLock) {
            snapshotIfDirty();
            results.close();
            jobs.close();
        }
    }
}
