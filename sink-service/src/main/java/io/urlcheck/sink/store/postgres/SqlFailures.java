package io.urlcheck.sink.store.postgres;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a failure caused by the data, which no retry can cure, from an outage, which time does. Data
 * errors are the SQLSTATE classes 22 (data exception: a NUL byte, a value out of range), 23 (integrity
 * constraint violation) and 54 (program limit exceeded: a value too long for an index). Everything
 * else, a lost connection (08), a shutting-down server (57), a deadlock or serialization failure (40),
 * a full disk (53), or a state we do not know, counts as an outage: holding a batch is safe, dropping
 * one is not. See DESIGN.md.
 */
final class SqlFailures {

    /** The SQLSTATE classes that mean "this data can never be stored". */
    static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    private SqlFailures() {
    }

    /** True when {@code e}, or the first SQL failure it wraps, is a data error. */
    static boolean isDataError(SQLException e) {
        String state = sqlState(e);
        return state != null && state.length() >= 2 && DATA_CLASSES.contains(state.substring(0, 2));
    }

    /** The first SQLSTATE along the chain of causes and next exceptions, or null. */
    static String sqlState(SQLException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (t instanceof SQLException sql) {
                if (sql.getSQLState() != null) {
                    return sql.getSQLState();
                }
                t = sql.getNextException() != null ? sql.getNextException() : sql.getCause();
            } else {
                t = t.getCause();
            }
        }
        return null;
    }
}
