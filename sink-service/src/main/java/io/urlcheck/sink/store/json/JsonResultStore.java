package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CheckResult;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded store: {@code results.jsonl} (every check, appended and fsynced before a write returns),
 * {@code jobs.jsonl} (every totals update, likewise) and {@code results.json} (the latest result per
 * URL, rewritten atomically at most once per snapshot interval and at close). The in-memory index is
 * rebuilt from the JSON Lines files at start. See DESIGN.md for its limits.
 */
public final class JsonResultStore implements ResultStore {

    private static final Logger LOG = Logger.getLogger(JsonResultStore.class);

    /** The file names inside the store's directory. */
    public static final String RESULTS_LOG = "results.jsonl";
    public static final String RESULTS_SNAPSHOT = "results.json";
    public static final String JOBS_LOG = "jobs.jsonl";

    private final ResultIndex index = new ResultIndex();
    private final JsonLinesFile results;
    private final JsonLinesFile jobs;
    private final SnapshotFile snapshot;
    private final ScheduledExecutorService snapshotter;
    private final Object writeLock = new Object();
    private volatile boolean dirty;
    private volatile boolean available = true;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    /** Opens (or creates) the store in {@code dir}, replaying its JSON Lines files. */
    public JsonResultStore(Path dir, Duration snapshotInterval) {
        try {
            Files.createDirectories(dir);
            long start = System.nanoTime();
            this.results = JsonLinesFile.open(dir.resolve(RESULTS_LOG), CheckResult.class, index::add);
            this.jobs = JsonLinesFile.open(dir.resolve(JOBS_LOG), JobTotals.class, index::putTotals);
            LOG.infof("JSON store at %s: %d checks replayed in %d ms", dir.toAbsolutePath(), index.size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the JSON store at " + dir.toAbsolutePath(), e);
        }
        this.snapshot = new SnapshotFile(dir.resolve(RESULTS_SNAPSHOT));
        this.dirty = !Files.exists(snapshot.target());
        this.snapshotter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "json-store-snapshot");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, snapshotInterval.toMillis());
        snapshotter.scheduleWithFixedDelay(this::snapshotIfDirty, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public int storeResults(List<CheckResult> batch) {
        synchronized (writeLock) {
            List<CheckResult> fresh = new ArrayList<>(batch.size());
            Set<String> inBatch = new HashSet<>();
            for (CheckResult r : batch) {
                if (index.isNew(r.checkId()) && inBatch.add(r.checkId())) {
                    fresh.add(r);
                }
            }
            if (fresh.isEmpty()) {
                return 0;
            }
            List<byte[]> lines = new ArrayList<>(fresh.size());
            for (CheckResult r : fresh) {
                lines.add(JsonCodec.encode(r));
            }
            try {
                results.append(lines);
                available = true;
            } catch (IOException e) {
                available = false;
                throw new StoreUnavailableException("cannot append to " + results.path() + ": " + e.getMessage(), e);
            }
            fresh.forEach(index::add);
            version.incrementAndGet();
            dirty = true;
            return fresh.size();
        }
    }

    @Override
    public void storeJob(JobTotals totals) {
        synchronized (writeLock) {
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
        return index.lookup(url);
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
        return available;
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
