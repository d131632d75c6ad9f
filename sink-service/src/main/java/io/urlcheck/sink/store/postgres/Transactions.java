package io.urlcheck.sink.store.postgres;

import io.urlcheck.sink.BadQueryException;
import io.urlcheck.sink.store.StoreRejectedException;
import io.urlcheck.sink.store.StoreUnavailableException;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs SQL work on a pooled connection and maps its failures the way every PostgreSQL store reports them: a write
 * is one transaction, rolled back on failure; a data error ({@link SqlFailures}) is {@link StoreRejectedException}
 * on a write and {@link BadQueryException} on a query; anything else is {@link StoreUnavailableException}.
 */
final class Transactions {

    /** SQL work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private volatile boolean available = true;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the last write reached the database. */
    boolean available() {
        return available;
    }

    /** Runs {@code work} in one transaction and commits it; {@code what} names it in the failure's message. */
    <T> T write(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                available = true;
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            if (SqlFailures.isDataError(e)) {
                available = true; // the database answered: it is up, it refuses this data
                throw new StoreRejectedException("PostgreSQL refused to " + what + " for good (SQLSTATE "
                        + SqlFailures.sqlState(e) + "): " + e.getMessage(), e);
            }
            available = false;
            throw new StoreUnavailableException("PostgreSQL could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query. */
    <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            if (SqlFailures.isDataError(e)) {
                throw new BadQueryException("the store refused the query's values (SQLSTATE " + SqlFailures.sqlState(e) + ")");
            }
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
