package io.urlcheck.testkit.postgres;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/**
 * Points a {@code @QuarkusTest} at a real PostgreSQL: one server per test JVM (started on first use,
 * stopped when the JVM exits), and a fresh database for every test class that uses the resource.
 * Sets the standard {@code quarkus.datasource.*} keys. {@link #server()} lets chaos tests stop and
 * restart the server under the running application.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer shared;

    /** The server of this test JVM, started on first use. */
    public static synchronized PostgresServer server() {
        if (shared == null) {
            shared = PostgresServer.start(false);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "testkit-postgres-stop"));
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        String url = server().createDatabase("test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        // The server outlives one test class on purpose; the shutdown hook stops it.
    }
}
