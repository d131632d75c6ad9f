package io.urlcheck.sink.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.sink.JsonStoreDirResource;
import io.urlcheck.testkit.KafkaBrokerResource;

/** Monitor events and their API over the JSON store, fed through the real broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(JsonStoreDirResource.class)
class JsonMonitorApiTest extends MonitorApiContract {
}
