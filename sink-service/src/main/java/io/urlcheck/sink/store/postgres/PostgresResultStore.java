package io.urlcheck.sink.store.postgres;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JobTotals;
import io.urlcheck.sink.JobStats;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQuery;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.UrlHistory;
import io.urlcheck.sink.store.Pages;
import io.urlcheck.sink.store.ResultStore;
import io.urlcheck.sink.store.StoreUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The production store: PostgreSQL, schema by Flyway ({@code db/migration}). A write is one
 * transaction; it returns only after the commit, so what it stored is durable. Any SQL failure of a
 * write rolls back and surfaces as {@link StoreUnavailableException}: the consumer holds the batch
 * and retries until the database takes it.
 */
public final class PostgresResultStore implements ResultStore {

    private final DataSource dataSource;
    private volatile boolean available = true;
    private final AtomicLong version = new AtomicLong();

    public PostgresResultStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int storeResults(List<CheckResult> results) {
        return write("store " + results.size() + " results", c -> PostgresWriter.storeResults(c, results));
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
        return available;
    }

    @Override
    public void close() {
        // The datasource belongs to Quarkus, which closes it.
    }

    /** SQL work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                version.incrementAndGet();
                available = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            available = false;
            throw new StoreUnavailableException("PostgreSQL could not " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException("PostgreSQL query failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }
}
