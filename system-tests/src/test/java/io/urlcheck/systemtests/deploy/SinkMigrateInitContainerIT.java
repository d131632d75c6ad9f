package io.urlcheck.systemtests.deploy;

import io.urlcheck.launcher.stack.Ports;
import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink's {@code migrate} init container (deploy/components/sink-migrate): the packaged sink with
 * {@code quarkus.init-and-exit=true} runs the Flyway migration to the newest version and exits 0 before it
 * starts Kafka or HTTP, so no probe can kill a long migration and Kafka need not be up. Two pods starting
 * at once (replicas 3) serialize on Flyway's lock and both exit 0. .ci/deploy-check ({@code [migration]})
 * holds the manifests to that init container; this proves what it runs.
 */
class SinkMigrateInitContainerIT {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start(false);
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theMigrateInitContainerMigratesToTheNewestVersionAndExitsWithoutKafkaOrHttp() throws Exception {
        String url = postgres.createDatabase("migrate_once");
        Path dir = Home.runDir("sink-migrate");
        ServiceProcess migrate = migrate("sink-migrate", url, dir).start();

        assertThat(migrate.process().awaitExit(Duration.ofMinutes(3))).as("the init container exits").isTrue();
        assertThat(migrate.process().exitCode()).as(migrate.process().logTail(30)).isZero();
        assertThat(appliedVersions(url)).containsExactlyElementsOf(migrationVersions());
        String log = Files.readString(migrate.process().logFile());
        assertThat(log).doesNotContainIgnoringCase("kafka").doesNotContain("Listening on");

        // A restarted pod's init container finds the schema current and exits again.
        ServiceProcess again = migrate("sink-migrate-again", url, dir).start();
        assertThat(again.process().awaitExit(Duration.ofMinutes(3))).isTrue();
        assertThat(again.process().exitCode()).as(again.process().logTail(30)).isZero();
        assertThat(appliedVersions(url)).containsExactlyElementsOf(migrationVersions());
    }

    @Test
    void twoPodsMigratingAtOnceBothSucceedAndApplyEachVersionOnce() throws Exception {
        String url = postgres.createDatabase("migrate_twice");
        Path dir = Home.runDir("sink-migrate-concurrent");
        ServiceProcess first = migrate("sink-migrate-a", url, dir).start();
        ServiceProcess second = migrate("sink-migrate-b", url, dir).start();

        for (ServiceProcess p : List.of(first, second)) {
            assertThat(p.process().awaitExit(Duration.ofMinutes(3))).isTrue();
            assertThat(p.process().exitCode()).as(p.process().logTail(30)).isZero();
        }
        assertThat(appliedVersions(url)).containsExactlyElementsOf(migrationVersions());
    }

    /** The init container's settings: the sink's store and datasource, init-and-exit, and an unreachable Kafka. */
    private static ServiceProcess migrate(String name, String url, Path dir) {
        return migrate(name, url, PostgresServer.USER, dir);
    }

    /** The same init container, migrating as {@code user} (the production overlay's Secret urlcheck-postgres-owner). */
    static ServiceProcess migrate(String name, String url, String user, Path dir) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.init-and-exit", "true");
        props.put("urlcheck.sink.store", "postgres");
        props.put("quarkus.datasource.jdbc.url", url);
        props.put("quarkus.datasource.username", user);
        props.put("quarkus.datasource.password", "unused");
        props.put("kafka.bootstrap.servers", "127.0.0.1:" + Ports.free()); // nothing listens there
        props.put("urlcheck.api.token", "migrate-test");
        return new ServiceProcess(Home.path(), "sink-service", name, Ports.free(), props, "256m", dir);
    }

    private static List<String> appliedVersions(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            List<String> versions = new java.util.ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        }
    }

    /** The versions of sink-service/src/main/resources/db/migration, in order. */
    private static List<String> migrationVersions() throws IOException {
        try (Stream<Path> files = Files.list(Home.path().resolve("sink-service/src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
    }
}
