package io.urlcheck.sink;

import io.urlcheck.testkit.postgres.PostgresResource;

import java.util.HashMap;
import java.util.Map;

/** A fresh database on the test JVM's real PostgreSQL, with the sink switched to the PostgreSQL store. */
public class PostgresStoreResource extends PostgresResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("urlcheck.sink.store", "postgres");
        config.put("urlcheck.sink.retry.max-backoff", "1s");
        return config;
    }
}
