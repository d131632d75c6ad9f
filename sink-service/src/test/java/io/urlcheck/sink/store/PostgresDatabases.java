package io.urlcheck.sink.store;

import io.urlcheck.testkit.postgres.PostgresResource;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.UUID;

/** Fresh databases on the test JVM's real PostgreSQL, migrated by the sink's own Flyway scripts. */
final class PostgresDatabases {

    private PostgresDatabases() {
    }

    /** A new database named {@code prefix} plus a random suffix, migrated to the latest version. */
    static PGSimpleDataSource migrated(String prefix) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PostgresResource.server().createDatabase(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
        dataSource.setUser(PostgresServer.USER);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
