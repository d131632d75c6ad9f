package io.urlcheck.sink.store.postgres;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.DaemonThreads;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.BadQueryException;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQuery;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.UrlHistory;
import io.urlcheck.sink.store.Pages;
import io.urlcheck.sink.store.ResultStore;
import io.urlcheck.sink.store.StoreRejectedException;
import io.urlcheck.sink.store.StoreUnavailableException;

import javax.sql.DataSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The production store: PostgreSQL, schema by Flyway ({@code db/migration}). A small write is one
 * transaction; every write returns only after its commits, so what it stored is durable. A SQL
 * failure rolls its transaction back. A data error ({@link SqlFailures}) surfaces as
 * {@link StoreRejectedException}: the consumer sets the record at fault aside. Any other failure
 * surfaces as {@link StoreUnavailableException}: the consumer holds the batch and retries until the
 * database takes it. On the query side a data error is the query's fault: a {@link BadQueryException}.
 *
 * <p>A large batch of results is written as {@link #PARTS} parts, split by URL, in as many
 * transactions on as many connections at once, so that several PostgreSQL backends (cores) share the
 * work; the call returns when all have committed. If one part fails, others may have committed: the
 * retry stores the rest, and the committed parts are recognized by their check ids and stored once,
 * as any redelivery is (the consumer's metric then counts them as redelivered).
 */
public final class PostgresResultStore implements ResultStore {

    /** Batches of at least this many results are written as {@link #PARTS} parts at once. */
    static final int SPLIT_AT = 256;

    /**
     * How many transactions, on as many connections, share a large batch. Measured on 2 cores with
     * 1M results: 2 parts ~19-20k results/s, 3 ~21k, 4 ~19k; one part waits on a lock or the disk
     * while the others keep both cores busy.
     */
    static final int PARTS = 3;

    private final Transactions sql;
    private final ExecutorService partWriters = Executors.newFixedThreadPool(PARTS, DaemonThreads.named("postgres-store-part-writer"));
    private final AtomicLong version = new AtomicLong();

    public PostgresResultStore(DataSource dataSource) {
        this.sql = new Transactions(dataSource);
    }

    @Override
    public int storeResults(List<CheckResult> results) {
        if (results.size() < SPLIT_AT) {
            return write("store " + results.size() + " results", c -> PostgresWriter.storeResults(c, results));
        }
        List<List<CheckResult>> parts = new ArrayList<>(PARTS);
        for (int i = 0; i < PARTS; i++) {
            parts.add(new ArrayList<>(results.size() / PARTS + 16));
        }
        for (CheckResult r : results) {
            // By URL: a URL's results stay in one transaction, and the parts never wait on each other's rows.
            parts.get(Math.floorMod(r.url().hashCode(), PARTS)).add(r);
        }
        List<Future<Integer>> writes = new ArrayList<>(PARTS);
        for (List<CheckResult> part : parts) {
            writes.add(partWriters.submit(() ->
                    write("store " + part.size() + " results", c -> PostgresWriter.storeResults(c, part))));
        }
        int stored = 0;
        RuntimeException failure = null;
        for (Future<Integer> write : writes) {
            try {
                stored += awaitUninterruptibly(write); // never return while a part may still be writing
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else if (e instanceof StoreUnavailableException && !(failure instanceof StoreUnavailableException)) {
                    e.addSuppressed(failure); // an outage wins: the whole batch is retried, nothing set aside
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return stored;
    }

    private static int awaitUninterruptibly(Future<Integer> part) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return part.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re
                            : new StoreUnavailableException("PostgreSQL write failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void storeJob(JobTotals totals) {
        write("store totals of job " + totals.jobId(), c -> {
            PostgresWriter.storeTotals(c, totals);
            return 0;
        });
    }

    @Override
    public ResultPage find(ResultQuery query) {
        List<CheckResult> rows = new ArrayList<>();
        read(c -> {
            PostgresReader.select(c, query, query.limit() + 1, rows::add);
            return null;
        });
        return Pages.of(rows, query);
    }

    @Override
    public void stream(ResultQuery query, Consumer<CheckResult> sink) {
        read(c -> {
            PostgresReader.select(c, query, query.limit() == null ? Long.MAX_VALUE : query.limit(), sink);
            return null;
        });
    }

    @Override
    public Optional<UrlHistory> lookup(String url) {
        return read(c -> PostgresReader.lookup(c, url));
    }

    @Override
    public Summary summary(String jobId) {
        return read(c -> PostgresReader.summary(c, jobId));
    }

    @Override
    public Optional<JobStats> job(String jobId) {
        return read(c -> PostgresReader.job(c, jobId));
    }

    @Override
    public List<JobStats> recentJobs(int limit) {
        return read(c -> PostgresReader.recentJobs(c, limit));
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public boolean isAvailable() {
        return sql.available();
    }

    @Override
    public void close() {
        partWriters.shutdown(); // the datasource belongs to Quarkus, which closes it
    }

    private <T> T write(String what, Transactions.Work<T> work) {
        T result = sql.write(what, work);
        version.incrementAndGet();
        return result;
    }

    private <T> T read(Transactions.Work<T> work) {
        return sql.read(work);
    }
}
