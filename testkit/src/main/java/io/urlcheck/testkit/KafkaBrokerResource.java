package io.urlcheck.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a real KRaft broker. One broker serves every test class of a test
 * JVM (starting one costs seconds); tests keep apart by using their own job ids and URLs. Use it with
 * {@code @WithTestResource(KafkaBrokerResource.class)} so that only the tests that need Kafka pay for it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker shared;

    /**
     * The broker of this test JVM, started on first use. {@link SharedBrokerShutdown} stops it when the
     * test run ends; the shutdown hook covers callers outside JUnit.
     */
    public static synchronized KafkaBroker broker() {
        if (shared == null) {
            shared = KafkaBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "testkit-kafka-stop"));
        }
        return shared;
    }

    /** Stops the shared broker if one was started; later calls to {@link #broker()} start a new one. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives one test class on purpose; the shutdown hook stops it.
    }
}
