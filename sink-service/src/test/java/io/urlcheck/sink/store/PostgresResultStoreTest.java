package io.urlcheck.sink.store;

import io.urlcheck.sink.store.postgres.PostgresResultStore;
import io.urlcheck.testkit.postgres.PostgresResource;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.UUID;

/** The PostgreSQL store against the shared contract, on a real server with the real migrations. */
class PostgresResultStoreTest extends ResultStoreContract {

    private PGSimpleDataSource dataSource;

    @Override
    protected ResultStore newStore() {
        String url = PostgresResource.server().createDatabase("contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(PostgresServer.USER);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new PostgresResultStore(dataSource);
    }

    @Override
    protected ResultStore reopen(ResultStore old) {
        old.close();
        return new PostgresResultStore(dataSource);
    }
}
