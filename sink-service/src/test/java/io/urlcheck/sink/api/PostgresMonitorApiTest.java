package io.urlcheck.sink.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.sink.PostgresStoreResource;
import io.urlcheck.testkit.KafkaBrokerResource;

/** Monitor events and their API over the PostgreSQL store, fed through the real broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresStoreResource.class)
class PostgresMonitorApiTest extends MonitorApiContract {
}
