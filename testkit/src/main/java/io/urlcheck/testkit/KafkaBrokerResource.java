package io.urlcheck.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a real KRaft broker. One broker serves every test class of a test
 * JVM (starting one costs seconds); tests keep apart by using their own job ids and URLs. Use it with
 * {@code @WithTestResource(KafkaBrokerResource.class)} so that only the tests that need Kafka pay for it.
 *
 * <p>Quarkus loads this class afresh for every application restart, so a static field alone would
 * start a broker per restart and leave the earlier ones running. The running broker's address is
 * therefore kept JVM-wide in the system property {@link #BOOTSTRAP_PROPERTY}, and later class loaders
 * {@linkplain KafkaBroker#connect connect} to it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** System property holding the shared broker's bootstrap servers once it runs. */
    public static final String BOOTSTRAP_PROPERTY = "testkit.kafka.bootstrap-servers";

    private static KafkaBroker shared;

    /**
     * The broker of this test JVM, started on first use. {@link SharedBrokerShutdown} stops it when the
     * test run ends if this class loader started it; otherwise its own shutdown hook does.
     */
    public static KafkaBroker broker() {
        synchronized (System.getProperties()) {
            if (shared == null) {
                String running = System.getProperty(BOOTSTRAP_PROPERTY);
                if (running != null) {
                    shared = KafkaBroker.connect(running);
                } else {
                    KafkaBroker started = KafkaBroker.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "testkit-kafka-stop"));
                    System.setProperty(BOOTSTRAP_PROPERTY, started.bootstrapServers());
                    shared = started;
                }
            }
            return shared;
        }
    }

    /** Stops the shared broker if this class loader started it; later calls to {@link #broker()} start a new one. */
    static void stopShared() {
        synchronized (System.getProperties()) {
            if (shared != null && shared.runsBroker()) {
                shared.close();
                System.clearProperty(BOOTSTRAP_PROPERTY);
            }
            shared = null;
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives one test class on purpose; see broker().
    }
}
