package io.urlcheck.sink.store;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Outcome;
import io.urlcheck.sink.ResultPage;
import io.urlcheck.sink.ResultQueryParser;
import io.urlcheck.sink.Summary;
import io.urlcheck.sink.TestResults;
import io.urlcheck.sink.store.postgres.PostgresResultStore;
import io.urlcheck.testkit.RandomText;
import io.urlcheck.testkit.postgres.PostgresResource;
import io.urlcheck.testkit.postgres.PostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values PostgreSQL 15 refuses for good, on a real server with the real migrations: what the schema
 * now stores (long URLs and hosts, keyed on a hash) and what it still refuses (a value no index can
 * take), which must surface as a rejection, never as an outage to retry forever.
 */
class PostgresHostileValuesTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    private PostgresResultStore store;

    @BeforeEach
    void freshDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PostgresResource.server().createDatabase("hostile_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
        dataSource.setUser(PostgresServer.USER);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new PostgresResultStore(dataSource);
    }

    @Test
    void aFiveKilobyteRandomUrlAndHostAreStoredLookedUpAndPaged() {
        String job = TestResults.unique("long");
        String longUrl = "http://" + RandomText.of(5_000, 1) + ".test/" + RandomText.of(5_000, 2);
        List<CheckResult> batch = new ArrayList<>();
        batch.add(TestResults.failed(job, longUrl, Outcome.DNS_FAILURE, null, 12L, T0));
        batch.add(TestResults.failed(job, longUrl + "x", Outcome.DNS_FAILURE, null, 12L, T0)); // same 512-character prefix
        for (int i = 0; i < 5; i++) {
            batch.add(TestResults.ok(job, "http://short.test/" + i, 12, T0));
        }

        assertThat(store.storeResults(batch)).isEqualTo(7);

        assertThat(store.lookup(longUrl)).get().satisfies(h -> assertThat(h.latest().url()).isEqualTo(longUrl));
        Summary summary = store.summary(job);
        assertThat(summary.failingHosts()).singleElement().satisfies(h -> assertThat(h.failures()).isEqualTo(2));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (String sort : List.of("responseTime", "-checkedAt")) {
            paged.clear();
            do {
                ResultPage page = store.find(ResultQueryParser.parse(null, null, null, job, null, null, sort, "2", cursor, true));
                page.items().forEach(r -> paged.add(r.url()));
                cursor = page.nextCursor();
            } while (cursor != null);
            List<String> expected = new ArrayList<>(batch.stream().map(CheckResult::url).sorted().toList());
            if (sort.startsWith("-")) {
                java.util.Collections.reverse(expected);
            }
            assertThat(paged).as(sort).containsExactlyElementsOf(expected);
        }
        assertThat(store.find(ResultQueryParser.parse(null, null, batch.get(0).host(), null, null, null, null, "10", null, true))
                .items()).hasSize(2);
    }

    @Test
    void aValueNoIndexCanTakeIsRejectedForGoodAndTheStoreStaysAvailable() {
        String job = TestResults.unique("reject");
        CheckResult hostile = TestResults.ok(job, "http://fine.test/" + job, 5, T0).toBuilder().checkId(RandomText.of(5_000, 3)).build();

        assertThatThrownBy(() -> store.storeResults(List.of(hostile, TestResults.ok(job, "http://fine.test/2", 5, T0))))
                .isInstanceOf(StoreRejectedException.class).hasMessageContaining("SQLSTATE 54000");

        assertThat(store.isAvailable()).isTrue();
        assertThat(store.storeResults(List.of(TestResults.ok(job, "http://fine.test/2", 5, T0)))).isEqualTo(1);
    }

    @Test
    void aRejectionInOnePartOfALargeBatchIsARejectionNotAnOutage() {
        String job = TestResults.unique("parts");
        List<CheckResult> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // over the 256 at which the store writes a batch as parallel parts
            batch.add(TestResults.ok(job, "http://parts.test/" + i, 5, T0));
        }
        batch.add(TestResults.ok(job, "http://parts.test/hostile", 5, T0).toBuilder().checkId(RandomText.of(5_000, 4)).build());

        assertThatThrownBy(() -> store.storeResults(batch)).isInstanceOf(StoreRejectedException.class);
        assertThat(store.isAvailable()).isTrue();
    }
}
