package io.urlcheck.sink.store;

import io.urlcheck.sink.store.postgres.PostgresMonitorStore;
import io.urlcheck.testkit.postgres.PostgresResource;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.UUID;

/** The PostgreSQL monitor store against the shared contract, on a real server with the real migrations. */
class PostgresMonitorStoreTest extends MonitorStoreContract {

    private PGSimpleDataSource dataSource;

    @Override
    protected MonitorStore newStore() {
        String url = PostgresResource.server().createDatabase("monitors_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(PostgresServer.USER);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new PostgresMonitorStore(dataSource);
    }

    @Override
    protected MonitorStore reopen(MonitorStore old) {
        old.close();
        return new PostgresMonitorStore(dataSource);
    }
}
