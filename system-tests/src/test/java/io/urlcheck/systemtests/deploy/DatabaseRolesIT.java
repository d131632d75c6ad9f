package io.urlcheck.systemtests.deploy;

import io.urlcheck.launcher.stack.ServiceProcess;
import io.urlcheck.systemtests.chaos.Pipeline;
import io.urlcheck.systemtests.chaos.Store;
import io.urlcheck.systemtests.support.Home;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production overlay's two database roles, as deploy/README.md ("Database roles") tells a platform team to set them
 * up: {@code deploy/install/postgres-roles.sql} run with psql as the owner, the packaged sink's {@code migrate} init
 * container migrating as the owner (Secret urlcheck-postgres-owner), then the packaged sink running as the app role
 * (Secret urlcheck-postgres) through a whole job. The app role writes every result and cannot change the schema.
 */
class DatabaseRolesIT {

    private static final String OWNER = "urlcheck_owner";
    private static final String APP = "urlcheck_app";
    private static final String DATABASE = "urlcheck_roles";

    @Test
    void theSinkRunsAJobAsARoleThatOnlyReadsAndWritesRowsAfterTheOwnerMigrated() throws Exception {
        String[] url = new String[1];
        Pipeline.Builder builder = Pipeline.builder("databaseRoles").store(Store.POSTGRES).workers(1).database(postgres -> {
            url[0] = ownedDatabase(postgres);
            grantWithTheShippedScript(postgres);
            migrateAsTheOwner(url[0]);
            return Map.of("quarkus.datasource.jdbc.url", url[0], "quarkus.datasource.username", APP);
        });
        try (Pipeline run = builder.start()) {
            List<String> urls = run.fleet().delayedUrls("roles", 40, 0);
            run.submit("database-roles", urls);

            assertThat(run.assertAccounted("database-roles", urls).holds()).isTrue();
            assertThat(installedBy(url[0])).as("every migration ran as the owner, none as the sink's role").containsOnly(OWNER);
            try (Connection app = DriverManager.getConnection(url[0], APP, ""); Statement s = app.createStatement()) {
                assertThatThrownBy(() -> s.execute("DROP TABLE flyway_schema_history")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (x int)")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied for schema public");
            }
        }
    }

    /** A database the owner role owns, and a login role for the sink; as a managed PostgreSQL's admin would make them. */
    private static String ownedDatabase(PostgresServer postgres) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + OWNER + " LOGIN");
            s.execute("CREATE ROLE " + APP + " LOGIN");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
            return postgres.jdbcUrl(DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the roles and the database: " + e.getMessage(), e);
        }
    }

    /** deploy/install/postgres-roles.sql, as its header says to run it: psql, as the owner, with both role names. */
    private static void grantWithTheShippedScript(PostgresServer postgres) {
        Path script = Home.path().resolve("deploy/install/postgres-roles.sql");
        List<String> command = List.of(postgres.clientTool("psql").toString(), "-X", "-h", "127.0.0.1", "-p", Integer.toString(postgres.port()), "-U", OWNER,
                "-d", DATABASE, "-v", "ON_ERROR_STOP=1", "-v", "owner_role=" + OWNER, "-v", "app_role=" + APP, "-f", script.toString());
        try {
            Process psql = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(psql.waitFor(60, TimeUnit.SECONDS)).as("psql ends").isTrue();
            assertThat(psql.exitValue()).as(output).isZero();
        } catch (IOException e) {
            throw new IllegalStateException("could not run psql", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The migrate init container of components/sink-migrate, with the owner's credentials (Secret urlcheck-postgres-owner). */
    private static void migrateAsTheOwner(String url) {
        ServiceProcess migrate = SinkMigrateInitContainerIT.migrate("sink-migrate-owner", url, OWNER,
                Home.runDir("database-roles")).start();
        assertThat(migrate.process().awaitExit(Duration.ofMinutes(3))).as("the init container exits").isTrue();
        assertThat(migrate.process().exitCode()).as(migrate.process().logTail(30)).isZero();
    }

    private static List<String> installedBy(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT installed_by FROM flyway_schema_history")) {
            List<String> roles = new ArrayList<>();
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
            return roles;
        }
    }
}
