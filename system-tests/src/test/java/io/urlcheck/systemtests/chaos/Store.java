package io.urlcheck.systemtests.chaos;

/** The sink's result store in a chaos run: {@code urlcheck.sink.store}. */
public enum Store {
    /** Fsynced JSON Lines plus an atomically renamed snapshot in the run directory. */
    JSON,
    /** A real PostgreSQL from the testkit, which the run can stop and start. */
    POSTGRES;

    /** The value of {@code urlcheck.sink.store}. */
    String property() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
