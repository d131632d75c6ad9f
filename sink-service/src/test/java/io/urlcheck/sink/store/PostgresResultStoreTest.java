package io.urlcheck.sink.store;

import io.urlcheck.contract.JobTotals;
import io.urlcheck.contract.LinkSource;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.store.postgres.PostgresResultStore;
import io.urlcheck.testkit.postgres.PostgresResource;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The PostgreSQL store against the shared contract, on a real server with the real migrations. */
class PostgresResultStoreTest extends ResultStoreContract {

    private PGSimpleDataSource dataSource;

    @Override
    protected ResultStore newStore() {
        dataSource = PostgresDatabases.migrated("contract");
        return new PostgresResultStore(dataSource);
    }

    @Test
    void theSourceColumnsSayWhereEachLinkWasFound() throws Exception {
        String job = TestResults.unique("source-columns");
        store.storeResults(List.of(
                TestResults.ok(job, "http://a.test/" + job, 5, Instant.now()).toBuilder().source(new LinkSource("README.md", 7)).build(),
                TestResults.ok(job, "http://b.test/" + job, 5, Instant.now())));

        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT url, source_file, source_line FROM checks WHERE job_id = '" + job + "' ORDER BY url")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("README.md");
            assertThat(rs.getObject(3)).isEqualTo(7);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isNull();
            assertThat(rs.getObject(3)).isNull();
        }
    }

    @Test
    void upgradingADatabaseOfVersion1BackfillsTheSummaryAggregates() throws Exception {
        PGSimpleDataSource v1 = new PGSimpleDataSource();
        v1.setUrl(PostgresResource.server().createDatabase("upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
        v1.setUser(PostgresServer.USER);
        Flyway.configure().dataSource(v1).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = v1.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO latest (url, check_id, job_id, host, outcome, status_code, response_time_ms, title, checked_at) VALUES
                        ('http://a.test/1', 'c1', 'j1', 'a.test', 'OK', 200, 10, null, now()),
                        ('http://a.test/2', 'c2', 'j1', 'a.test', 'HTTP_ERROR', 503, 30, null, now()),
                        ('http://b.test/1', 'c3', 'j2', 'b.test', 'TIMEOUT', null, 20, null, now()),
                        ('junk', 'c4', 'j2', null, 'INVALID_URL', null, null, null, now())""");
            st.execute("""
                    INSERT INTO job_latest (job_id, url, check_id, host, outcome, status_code, response_time_ms, title, checked_at)
                    SELECT job_id, url, check_id, host, outcome, status_code, response_time_ms, title, checked_at FROM latest""");
            st.execute("INSERT INTO jobs (job_id, first_result_at, last_result_at, last_activity_at)"
                    + " SELECT job_id, min(checked_at), max(checked_at), max(checked_at) FROM latest GROUP BY job_id");
        }

        Flyway.configure().dataSource(v1).locations("classpath:db/migration").load().migrate();

        PostgresResultStore upgraded = new PostgresResultStore(v1);
        Summary all = upgraded.summary(null);
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.byOutcome()).containsOnly(entry("OK", 1L), entry("HTTP_ERROR", 1L), entry("TIMEOUT", 1L), entry("INVALID_URL", 1L));
        assertThat(all.byStatusClass()).containsOnly(entry("2xx", 1L), entry("5xx", 1L), entry("none", 2L));
        assertThat(all.latencyMs()).isEqualTo(new Summary.Latency(20L, 30L, 30L));
        assertThat(all.slowest()).extracting(Summary.Slow::url).containsExactly("http://a.test/2", "http://b.test/1", "http://a.test/1");
        assertThat(all.failingHosts()).containsExactly(new Summary.FailingHost("a.test", 1), new Summary.FailingHost("b.test", 1));
        Summary j2 = upgraded.summary("j2");
        assertThat(j2.byOutcome()).containsOnly(entry("TIMEOUT", 1L), entry("INVALID_URL", 1L));
        assertThat(upgraded.job("j1").orElseThrow().checked()).isEqualTo(2);

        upgraded.storeResults(List.of(TestResults.ok("j2", "http://b.test/1", 5, Instant.now().plusSeconds(60))));
        assertThat(upgraded.summary("j2").byOutcome()).containsOnly(entry("OK", 1L), entry("INVALID_URL", 1L));
        assertThat(upgraded.summary(null).failingHosts()).containsExactly(new Summary.FailingHost("a.test", 1));
    }

    @Test
    void upgradingToVersion5KeepsEachJobsTotalsAsItsWholeContribution() throws Exception {
        PGSimpleDataSource v4 = new PGSimpleDataSource();
        v4.setUrl(PostgresResource.server().createDatabase("upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
        v4.setUser(PostgresServer.USER);
        Flyway.configure().dataSource(v4).locations("classpath:db/migration").target("4").load().migrate();
        try (Connection c = v4.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO jobs (job_id, has_totals, submitted, accepted, rejected, duplicates, skipped, complete,
                                      started_at, updated_at, last_activity_at)
                    VALUES ('nightly', true, 10, 8, 1, 1, 0, false, '2026-11-23T08:00:00Z', '2026-11-23T08:00:01Z', now())""");
        }

        Flyway.configure().dataSource(v4).locations("classpath:db/migration").load().migrate();

        PostgresResultStore upgraded = new PostgresResultStore(v4);
        assertThat(upgraded.job("nightly").orElseThrow().totals())
                .isEqualTo(new JobTotals(1, "nightly", 10, 8, 1, 1, 0, false, Instant.parse("2026-11-23T08:00:00Z"),
                        Instant.parse("2026-11-23T08:00:01Z")));
        upgraded.storeJob(new JobTotals(1, "nightly", 12, 10, 1, 1, 0, true, Instant.parse("2026-11-23T08:00:00Z"),
                Instant.parse("2026-11-23T08:00:02Z")));
        assertThat(upgraded.job("nightly").orElseThrow().totals().submitted()).as("replaced, not added").isEqualTo(12);
    }

    @Override
    protected ResultStore reopen(ResultStore old) {
        old.close();
        return new PostgresResultStore(dataSource);
    }
}
