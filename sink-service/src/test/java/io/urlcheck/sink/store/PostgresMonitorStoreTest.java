package io.urlcheck.sink.store;

import io.urlcheck.sink.store.postgres.PostgresMonitorStore;
import org.postgresql.ds.PGSimpleDataSource;

/** The PostgreSQL monitor store against the shared contract, on a real server with the real migrations. */
class PostgresMonitorStoreTest extends MonitorStoreContract {

    private PGSimpleDataSource dataSource;

    @Override
    protected MonitorStore newStore() {
        dataSource = PostgresDatabases.migrated("monitors");
        return new PostgresMonitorStore(dataSource);
    }

    @Override
    protected MonitorStore reopen(MonitorStore old) {
        old.close();
        return new PostgresMonitorStore(dataSource);
    }
}
